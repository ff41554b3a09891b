import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"
import type { PostSoundType } from "../../../validators"

/** POST /admin/yilianyun/printers/:id/sound `{ output: "buzzer" | "horn", volume: 0–3 }` (printer/setsound) */
export async function POST(req: AuthenticatedMedusaRequest<PostSoundType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const { output, volume } = req.validatedBody
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.printer.setSound(printer.machine_code, output, volume))
    return true
  })
  if (done) res.json({ printer_id: printer.id, output, volume })
}
