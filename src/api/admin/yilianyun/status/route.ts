import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { YILIANYUN_MODULE } from "../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../modules/yilianyun/service"

/**
 * GET /admin/yilianyun/status — is printing configured, the token budget (never the token), the
 * push URL and each command's registration, the clock offset measured from the cloud's answers
 * (pushes are judged by it) and the pushes refused so far, by reason.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const options = yly.getOptions()
  const [token, push, refusals, offset] = await Promise.all([
    yly.getTokenStatus(),
    yly.getPushUrlState(),
    options.configured ? yly.pushRefusals() : Promise.resolve([]),
    options.configured ? yly.clockOffsetMs() : Promise.resolve(0),
  ])
  res.json({
    configured: options.configured,
    message: options.configured
      ? token?.budget_left === 0
        ? `Token budget spent; printing resumes at ${token.budget_frees_at?.toISOString()}`
        : "Configured"
      : "Not configured: set clientId and clientSecret in the plugin options.",
    api_url: options.apiUrl,
    push_url: options.pushUrl ?? null,
    push_url_registered: Boolean(options.pushUrl && push.url === options.pushUrl && push.registered_at),
    push_url_registered_at: push.registered_at,
    push_url_commands: push.commands,
    clock_offset_ms: Math.round(offset),
    push_refusals: refusals,
    token,
  })
}
