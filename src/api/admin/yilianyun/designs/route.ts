import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseDesign } from "../../../../receipt"
import { ylyOf } from "../helpers"
import { presentDesign, printersUsing } from "./present"
import type { GetDesignsType, PostDesignType } from "./validators"

/** GET /admin/yilianyun/designs[?include_archived=true] — the store's receipt designs, with the printers using each. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const q = (req.validatedQuery ?? {}) as GetDesignsType
  const [designs, printers] = await Promise.all([
    yly.designs().list({ includeArchived: q.include_archived === true }),
    yly.listPrinters({}, { select: ["id", "name", "templates"] }),
  ])
  res.json({ designs: designs.map((d) => presentDesign(d, printersUsing(printers, d.id))), count: designs.length })
}

/**
 * POST /admin/yilianyun/designs `{ name, base, blocks }` — a new design (version 1). An exported
 * design file (GET /admin/yilianyun/designs/:id/export) is accepted as it is: importing is creating.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostDesignType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const body = req.validatedBody
  // the validator checked the blocks; parsing again gives the normalized ones to store
  const { design } = parseDesign({ name: body.name, base: body.base, blocks: body.blocks }, { requireName: true })
  const created = await yly.designs().create({ name: design!.name, base: design!.base, blocks: design!.blocks })
  res.status(201).json({ design: presentDesign(created) })
}
