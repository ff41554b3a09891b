import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { parseDesign } from "../../../../../receipt"
import { ylyOf } from "../../helpers"
import { problemsOnPrinters } from "../../printers/check-templates"
import { presentDesign, printersUsing } from "../present"
import type { UpdateDesignType } from "../validators"

/** GET /admin/yilianyun/designs/:id — archived designs too (the jobs that printed with them name them). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const design = await yly.designs().retrieve(req.params.id)
  const printers = await yly.listPrinters({}, { select: ["id", "name", "templates"] })
  res.json({ design: presentDesign(design, printersUsing(printers, design.id)) })
}

/**
 * POST /admin/yilianyun/designs/:id `{ name?, base?, blocks? }` — saves a new version. A design the
 * printers use must stay printable on each of them: otherwise 400 naming the block and the printer,
 * and nothing is saved.
 */
export async function POST(req: AuthenticatedMedusaRequest<UpdateDesignType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const store = yly.designs()
  const current = await store.retrieve(req.params.id)
  if (current.archived_at) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The receipt design "${current.name}" is archived: it is kept for reprints and cannot be changed.`)
  }
  const body = req.validatedBody
  const base = body.base ?? current.base
  const parsed = parseDesign({ base, blocks: body.blocks ?? current.blocks })
  if (!parsed.design) {
    // stored blocks of another base (a base change alone) are read again under the new base
    const issue = parsed.issues[0]
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${issue.message}`)
  }
  const printers = await yly.listPrinters({}, { select: ["id", "name", "model", "paper_width", "columns", "templates"] })
  const using = printersUsing(printers, current.id)
  const [conflict] = problemsOnPrinters(parsed.design, printers.filter((p) => using.some((u) => u.printer_id === p.id)))
  if (conflict) {
    const triggers = using.find((u) => u.printer_id === conflict.printer.id)?.triggers.join(", ")
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field '${conflict.problem.field}': ${conflict.problem.message} The printer "${conflict.printer.name}" prints this design (${triggers}).`
    )
  }
  const saved = await store.update(current.id, { name: body.name, base, blocks: parsed.design.blocks })
  res.json({ design: presentDesign(saved, using) })
}

/**
 * DELETE /admin/yilianyun/designs/:id — refused while a printer uses the design. A design jobs
 * printed with is archived (kept, with its versions, so reprints stay faithful); one nothing
 * printed with is deleted.
 */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const store = yly.designs()
  const design = await store.retrieve(req.params.id)
  const printers = await yly.listPrinters({}, { select: ["id", "name", "templates"] })
  const using = printersUsing(printers, design.id)
  if (using.length) {
    const names = using.map((u) => `"${u.name}" (${u.triggers.join(", ")})`).join(", ")
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The receipt design "${design.name}" is used by ${using.length === 1 ? "the printer" : "the printers"} ${names} — choose another template there first.`
    )
  }
  const printed = await store.jobsPrintedWith(design.id)
  if (printed > 0) {
    await store.archive(design.id)
    res.json({ id: design.id, object: "yilianyun_design", deleted: false, archived: true, jobs: printed })
    return
  }
  await store.remove(design.id)
  res.json({ id: design.id, object: "yilianyun_design", deleted: true, archived: false, jobs: 0 })
}
