import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import {
  BLOCK_ALIGNS, BLOCK_CAPABILITIES, BLOCK_SIZES, BLOCK_TYPES, DESIGN_BASES, DESIGN_LIMITS, ITEM_COLUMNS, newBlock,
  RULE_CHARS, starterDesign, TOTAL_LINES,
} from "../../../../../receipt"
import type { GetDesignCatalogType } from "../validators"

/**
 * GET /admin/yilianyun/designs/catalog?base=kitchen — what the designer builds with, from the
 * receipt layer itself (one source of defaults): the starter blocks of a base, a new block of every
 * type with its defaults, what each type allows (sizes, bold, alignments), and the limits.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { base = "receipt" } = (req.validatedQuery ?? {}) as GetDesignCatalogType
  res.json({
    base,
    bases: DESIGN_BASES,
    starter: starterDesign(base).blocks,
    blocks: Object.fromEntries(BLOCK_TYPES.map((t) => [t, newBlock(t, base)])),
    capabilities: BLOCK_CAPABILITIES,
    sizes: BLOCK_SIZES,
    aligns: BLOCK_ALIGNS,
    item_columns: ITEM_COLUMNS,
    total_lines: TOTAL_LINES,
    rule_chars: RULE_CHARS,
    limits: DESIGN_LIMITS,
  })
}
