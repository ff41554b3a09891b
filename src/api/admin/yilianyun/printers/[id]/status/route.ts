import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { YILIANYUN_MODULE } from "../../../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../../../modules/yilianyun/service"
import { answeringCloudErrors, notFound } from "../../../../../utils/cloud-errors"

/** GET /admin/yilianyun/printers/:id/status — asks the cloud now and records the answer. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const [printer] = await yly.listPrinters({ id: req.params.id })
  if (!printer) notFound(`Printer ${req.params.id}`)
  const status = await answeringCloudErrors(res, () =>
    yly.withApi((api) => api.printer.getPrintStatus(printer.machine_code))
  )
  if (!status) return
  const updated = await yly.updatePrinters({ id: printer.id, status: status.state, status_at: new Date() })
  res.json({ printer: updated, status: status.state })
}
