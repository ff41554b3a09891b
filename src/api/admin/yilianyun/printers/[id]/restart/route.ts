import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"

/** POST /admin/yilianyun/printers/:id/restart (printer/shutdownrestart). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.printer.shutdownRestart(printer.machine_code, "restart"))
    return true
  })
  if (!done) return
  res.json({ printer_id: printer.id, action: "restart" })
}
