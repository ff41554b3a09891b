import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"
import type { PostBtnPrintType } from "../../../validators"

/** POST /admin/yilianyun/printers/:id/btnprint `{ enabled }` — key-press printing: receipts wait for the device's key. */
export async function POST(req: AuthenticatedMedusaRequest<PostBtnPrintType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const { enabled } = req.validatedBody
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.printer.btnPrint(printer.machine_code, enabled))
    return true
  })
  if (done) res.json({ printer_id: printer.id, btnprint: enabled })
}
