import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"
import type { PostLogoType } from "../../../validators"

/** POST /admin/yilianyun/printers/:id/logo `{ url }` — the logo printed on top (≤ 350 px wide, ≤ 40 KB, public URL). */
export async function POST(req: AuthenticatedMedusaRequest<PostLogoType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.printer.setIcon(printer.machine_code, req.validatedBody.url))
    return true
  })
  if (done) res.json({ printer_id: printer.id, logo: true })
}

/** DELETE /admin/yilianyun/printers/:id/logo — removes the logo. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.printer.deleteIcon(printer.machine_code))
    return true
  })
  if (done) res.json({ printer_id: printer.id, logo: false })
}
