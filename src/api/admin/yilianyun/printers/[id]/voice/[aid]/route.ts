import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { answeringCloudErrors } from "../../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../../helpers"

/** DELETE /admin/yilianyun/printers/:id/voice/:aid — removes the stored voice in slot 0–9. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const aid = Number(req.params.aid)
  if (!/^\d$/.test(req.params.aid) || aid < 0 || aid > 9) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Invalid request: Field 'aid' must be a voice slot from 0 to 9.")
  }
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const result = await answeringCloudErrors(res, () => yly.withApi((api) => api.voice.delete(printer.machine_code, aid)))
  if (result) res.json({ printer_id: printer.id, aid, deleted: result.isDelete })
}
