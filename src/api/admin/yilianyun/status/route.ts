import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { YILIANYUN_MODULE } from "../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../modules/yilianyun/service"

/** GET /admin/yilianyun/status — is printing configured, and the token budget (never the token). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const options = yly.getOptions()
  const token = await yly.getTokenStatus()
  const push = await yly.getPushUrlState()
  res.json({
    configured: options.configured,
    message: options.configured
      ? token?.budget_left === 0
        ? `Token budget spent; printing resumes at ${token.budget_frees_at?.toISOString()}`
        : "Configured"
      : "Not configured: set clientId and clientSecret in the plugin options.",
    api_url: options.apiUrl,
    push_url: options.pushUrl ?? null,
    push_url_registered: Boolean(options.pushUrl && push.url === options.pushUrl),
    push_url_registered_at: push.registered_at,
    token,
  })
}
