import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../utils/cloud-errors"
import { assertConfigured, ylyOf } from "../helpers"
import type { PostPushUrlType } from "../validators"

/**
 * POST /admin/yilianyun/push-url `{ force? }` — registers the `pushUrl` plugin option with the
 * cloud (oauth/setpushurl for finish, accept/reject, status and key pushes). It is registered at
 * start-up too; this button is for when that failed. Default force: true (the merchant asked).
 */
export async function POST(req: AuthenticatedMedusaRequest<PostPushUrlType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const result = await answeringCloudErrors(res, () => yly.registerPushUrl({ force: req.validatedBody.force ?? true }))
  if (!result) return
  const state = await yly.getPushUrlState()
  res.json({ push_url: result.url, registered: result.registered, push_url_registered_at: state.registered_at })
}
