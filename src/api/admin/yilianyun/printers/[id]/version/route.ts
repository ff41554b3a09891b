import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"

/** GET /admin/yilianyun/printers/:id/version — firmware (`hardware`) and model (`software`). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const v = await answeringCloudErrors(res, () => yly.withApi((api) => api.printer.getVersion(printer.machine_code)))
  if (v) res.json({ printer_id: printer.id, hardware: v.hardware, software: v.software })
}
