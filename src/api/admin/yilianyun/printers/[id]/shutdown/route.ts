import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"

/** POST /admin/yilianyun/printers/:id/shutdown (printer/shutdownrestart) — the device goes offline until switched on by hand. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.printer.shutdownRestart(printer.machine_code, "shutdown"))
    return true
  })
  if (!done) return
  const updated = await yly.updatePrinters({ id: printer.id, status: "offline", status_at: new Date() })
  res.json({ printer: updated, action: "shutdown" })
}
