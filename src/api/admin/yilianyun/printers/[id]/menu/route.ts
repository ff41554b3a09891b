import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"
import type { PostMenuType } from "../../../validators"

/**
 * POST /admin/yilianyun/printers/:id/menu `{ menus: [{ name, url }] }` — app menus on the device
 * (K4 except K4-WA/WH, W1); choosing one makes the cloud call its URL. Added in order; a failure
 * stops there (earlier menus stay added).
 */
export async function POST(req: AuthenticatedMedusaRequest<PostMenuType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const menus = req.validatedBody.menus.map((m) => [m.name, m.url] as [string, string])
  const done = await answeringCloudErrors(res, async () => {
    await yly.withApi((api) => api.menu.add({ machineCode: printer.machine_code, menus }))
    return true
  })
  if (done) res.json({ printer_id: printer.id, menus: req.validatedBody.menus })
}
