import type { DesignRecord } from "../../../../modules/yilianyun/design-store"
import { parseDesign } from "../../../../receipt"

/**
 * The `format` of an exported design file (checked again when one is imported). Kept here, not with
 * the validators: those are zod schemas built on the first admin request, and this file is loaded at
 * start-up with the routes.
 */
export const DESIGN_FILE_FORMAT = "medusa-plugin-yilianyun/receipt-design"

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null)

/** The blocks with their fields in the parser's order (jsonb keeps none), for readable files. */
const ordered = (d: DesignRecord) => parseDesign({ base: d.base, blocks: d.blocks }).design?.blocks ?? d.blocks

/** A design as the admin API answers it, with the printers that use it. */
export function presentDesign(d: DesignRecord, usedBy: { printer_id: string; name: string; triggers: string[] }[] = []) {
  return {
    id: d.id,
    object: "yilianyun_design",
    name: d.name,
    base: d.base,
    blocks: ordered(d),
    version: d.version,
    archived: Boolean(d.archived_at),
    archived_at: iso(d.archived_at),
    created_at: iso(d.created_at),
    updated_at: iso(d.updated_at),
    used_by: usedBy,
  }
}

/** The file a design exports to, to import in another store. */
export function exportDocument(d: DesignRecord) {
  return {
    format: DESIGN_FILE_FORMAT,
    format_version: 1 as const,
    exported_at: new Date().toISOString(),
    name: d.name,
    base: d.base,
    blocks: ordered(d),
  }
}

/** Which printers name this design, and for which triggers. */
export function printersUsing(printers: { id: string; name: string; templates: unknown }[], designId: string) {
  return printers
    .map((p) => ({
      printer_id: p.id,
      name: p.name,
      triggers: Object.entries((p.templates ?? {}) as Record<string, string[]>)
        .filter(([, names]) => (names ?? []).includes(designId))
        .map(([trigger]) => trigger),
    }))
    .filter((u) => u.triggers.length > 0)
}
