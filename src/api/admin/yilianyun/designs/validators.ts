import { z } from "@medusajs/framework/zod"
import { DESIGN_BASES, DESIGN_LIMITS, parseDesign } from "../../../../receipt"
import { DESIGN_FILE_FORMAT } from "./present"

/**
 * Receipt designs in the admin API. The blocks are read by the receipt layer's own parser
 * (`parseDesign`), whose messages name the field ("Field 'blocks.3.size' must be one of …"); zod
 * holds the envelope. The export file is the same shape, so importing is creating from it.
 */

const name = z
  .string()
  .trim()
  .min(1, "Field 'name' is required: give the design a name")
  .max(DESIGN_LIMITS.name, `Field 'name' is longer than ${DESIGN_LIMITS.name} characters`)
const base = z.enum(DESIGN_BASES)
const blocks = z.array(z.unknown())

/** Reports the parser's problems on their own fields (the first three reach the 400's message). */
function checkBlocks(v: { base?: string; blocks?: unknown[] }, ctx: z.RefinementCtx) {
  if (!v.blocks) return
  const parsed = parseDesign({ base: v.base ?? "receipt", blocks: v.blocks })
  for (const issue of parsed.issues) ctx.addIssue({ code: "custom", path: issue.field.split("."), message: issue.message })
}

/** POST /admin/yilianyun/designs — a new design, or an exported file being imported. */
export const PostDesign = z
  .object({
    name,
    base,
    blocks,
    /** present in exported files; checked when given */
    format: z.literal(DESIGN_FILE_FORMAT).optional(),
    format_version: z.literal(1).optional(),
    exported_at: z.string().max(40).optional(),
  })
  .strict()
  .superRefine(checkBlocks)
export type PostDesignType = z.infer<typeof PostDesign>

/** POST /admin/yilianyun/designs/:id — any of name, base, blocks. */
export const UpdateDesign = z
  .object({ name: name.optional(), base: base.optional(), blocks: blocks.optional() })
  .strict()
  .superRefine(checkBlocks)
export type UpdateDesignType = z.infer<typeof UpdateDesign>

/** GET /admin/yilianyun/designs */
export const GetDesigns = z
  .object({
    include_archived: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional()),
  })
  .strict()
export type GetDesignsType = z.infer<typeof GetDesigns>

/** GET /admin/yilianyun/designs/catalog */
export const GetDesignCatalog = z.object({ base: base.optional() }).strict()
export type GetDesignCatalogType = z.infer<typeof GetDesignCatalog>
