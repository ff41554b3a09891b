import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { YILIANYUN_MODULE } from "../../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../../modules/yilianyun/service"
import { deletePrinterWorkflow } from "../../../../../workflows/delete-printer"
import { updatePrinterWorkflow } from "../../../../../workflows/update-printer"
import { answeringCloudErrors, notFound } from "../../../../utils/cloud-errors"
import { assertPrinterTemplates } from "../check-templates"
import type { UpdatePrinterType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const [printer] = await yly.listPrinters({ id: req.params.id })
  if (!printer) notFound(`Printer ${req.params.id}`)
  res.json({ printer })
}

/** POST /admin/yilianyun/printers/:id — update; a mode change calls printer/getorder. */
export async function POST(req: AuthenticatedMedusaRequest<UpdatePrinterType>, res: MedusaResponse) {
  const update = req.validatedBody
  // the templates it will print with, on the model and paper it will have, must all be printable
  if (update.templates || update.model || update.paper_width || update.columns !== undefined) {
    const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const [printer] = await yly.listPrinters({ id: req.params.id })
    if (!printer) notFound(`Printer ${req.params.id}`)
    await assertPrinterTemplates(yly, { ...(printer as any), ...update, model: (update.model ?? printer.model).toUpperCase() })
  }
  const result = await answeringCloudErrors(res, () =>
    updatePrinterWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody as any } })
  )
  if (result) res.json({ printer: result.result })
}

/** DELETE /admin/yilianyun/printers/:id — printer/deleteprinter, then the binding goes. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const result = await answeringCloudErrors(res, () =>
    deletePrinterWorkflow(req.scope).run({ input: { id: req.params.id } })
  )
  if (result) res.json({ id: req.params.id, object: "yilianyun_printer", deleted: true })
}
