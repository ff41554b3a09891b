import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { parseDesign } from "../../../../receipt"
import { isDesignRef, RenderSource, resolveRenderSource } from "../../../../workflows/utils/render-for-printer"
import { loadPrinter, ylyOf } from "../helpers"
import { printableTemplates } from "../printers/check-templates"
import type { GetPreviewType, PostPreviewType } from "../validators"
import { buildPreview, paperOnly } from "./render-preview"

const unknownTemplate = () =>
  new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Invalid request: Field 'template' must be one of ${printableTemplates().join(", ")}, or the id of a saved receipt design.`
  )

/** A template name or a saved design (at a version, when asked) as what the preview renders. */
async function sourceOf(yly: ReturnType<typeof ylyOf>, template: string, version?: number): Promise<RenderSource> {
  if (isDesignRef(template)) return resolveRenderSource(yly, template, { version: version ?? null })
  if (!printableTemplates().includes(template)) throw unknownTemplate()
  return { template, design: null }
}

/**
 * GET /admin/yilianyun/preview?order_id=…&printer_id=…[&template=…|&design_id=…[&design_version=…]][&reprint=true]
 * — the order as that printer would print it: the same rendering as printing (model, paper width,
 * language, merchant texts, the lines a kitchen/bar printer is limited to), laid out as on paper.
 * → `{ markup, text, html, prints, parts, columns, template, timezone, design, problems, warnings }`
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = req.validatedQuery as GetPreviewType
  const yly = ylyOf(req.scope)
  const printer = await loadPrinter(yly, q.printer_id)
  const template = q.design_id ?? q.template ?? printer.templates?.["order.placed"]?.[0] ?? "receipt"
  const source = await sourceOf(yly, template, q.design_version)
  res.json(await buildPreview(req.scope, yly, { printer, orderId: q.order_id, source, reprint: Boolean(q.reprint) }))
}

/**
 * POST /admin/yilianyun/preview — the designer's live preview: an unsaved `design` (or a saved
 * `design_id`, or a `template`) on a bound printer (`printer_id`) or a bare paper (`model`,
 * `paper_width`, `language`), with a real order (`order_id`) or the sample order. Same answer as GET.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostPreviewType>, res: MedusaResponse) {
  const b = req.validatedBody
  const yly = ylyOf(req.scope)
  const printer = b.printer_id ? await loadPrinter(yly, b.printer_id) : paperOnly(b)
  let source: RenderSource
  if (b.design) {
    const parsed = parseDesign({ base: b.design.base, blocks: b.design.blocks })
    source = { template: "design", design: { id: "unsaved", version: 0, name: b.design.name ?? "", layout: parsed.design! } }
  } else {
    const templates = "templates" in printer ? printer.templates : null // a bare paper has none
    const template = b.design_id ?? b.template ?? templates?.["order.placed"]?.[0] ?? "receipt"
    source = await sourceOf(yly, template, b.design_version)
  }
  res.json(await buildPreview(req.scope, yly, { printer, orderId: b.order_id ?? null, source, reprint: Boolean(b.reprint) }))
}
