import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { answeringCloudErrors } from "../../../../utils/cloud-errors"
import { assertConfigured, ylyOf } from "../../helpers"
import type { PostTokenResetType } from "../../validators"

/**
 * POST /admin/yilianyun/token/reset `{ confirm: true }` — fetches a new access token. Guarded: a
 * new token revokes the old one at once and the cloud allows 20 fetches a day, so without
 * `confirm: true` it answers 400 saying how many of today's fetches are left. Answers the token
 * status (never the token).
 */
export async function POST(req: AuthenticatedMedusaRequest<PostTokenResetType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  if (req.validatedBody.confirm !== true) {
    const status = await yly.getTokenStatus()
    const left = status?.budget_left ?? 0
    const budget = status?.budget ?? 20
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'confirm' must be true to reset the token. ${left} of today's ${budget} token fetches are left; ` +
        `a new token revokes the current one at once, so do this only when printing fails with a token error. ` +
        `Send { "confirm": true } to go ahead.`
    )
  }
  const token = await answeringCloudErrors(res, () => yly.resetToken())
  if (token) res.json({ token, message: `A new access token was fetched; ${token.budget_left} of today's ${token.budget} fetches are left.` })
}
