import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { YILIANYUN_MODULE } from "../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../modules/yilianyun/service"
import { PUSH_MAX_AGE_SEC, PUSH_MAX_FUTURE_SEC } from "../../../../modules/yilianyun/service"
import { pushCommandsFor } from "../../../../yilianyun"

const DAY_MS = 24 * 60 * 60 * 1000
/** The cloud's answer when its own count of token fetches is spent (v1 table). */
const CLOUD_QUOTA_CODE = 41

/**
 * GET /admin/yilianyun/status — is printing configured, the token budget (never the token), the
 * push URL and each command's registration, the clock offset measured from the cloud's answers
 * (pushes are judged by it) and the pushes refused so far, by reason.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const options = yly.getOptions()
  const [token, push, refusals, offset, lastFetch, clockAt] = await Promise.all([
    yly.getTokenStatus(),
    yly.getPushUrlState(),
    options.configured ? yly.pushRefusals() : Promise.resolve([]),
    options.configured ? yly.clockOffsetMs() : Promise.resolve(0),
    options.configured ? latestTokenFetch(yly, options.clientId!) : Promise.resolve(null),
    options.configured ? clockMeasuredAt(yly, options.clientId!) : Promise.resolve(null),
  ])
  // the last fetch failed with the cloud's own quota answer: printing waits for the cloud, not for us
  const quota =
    lastFetch && !lastFetch.succeeded && lastFetch.error_code === CLOUD_QUOTA_CODE
      ? { refused_at: lastFetch.fetched_at, frees_by: new Date(lastFetch.fetched_at.getTime() + DAY_MS) }
      : null
  // registrations made for another URL say nothing about this one
  const sameUrl = Boolean(options.pushUrl && push.url === options.pushUrl)
  res.json({
    configured: options.configured,
    message: options.configured
      ? token?.budget_left === 0
        ? `Token budget spent; printing resumes at ${token.budget_frees_at?.toISOString()}`
        : "Configured"
      : "Not configured: set clientId and clientSecret in the plugin options.",
    api_url: options.apiUrl,
    push_url: options.pushUrl ?? null,
    push_url_registered: Boolean(sameUrl && push.registered_at),
    push_url_registered_at: push.registered_at,
    push_url_commands: sameUrl ? push.commands : {},
    /** the commands this API version registers (oauth/setpushurl), in order */
    push_url_expected_commands: options.configured ? pushCommandsFor(options.apiUrl) : [],
    clock_offset_ms: Math.round(offset),
    clock_offset_measured_at: clockAt,
    /** how far a push's push_time may be from the cloud's clock before the hook refuses it */
    push_freshness: { max_age_sec: PUSH_MAX_AGE_SEC, max_future_sec: PUSH_MAX_FUTURE_SEC },
    push_refusals: refusals,
    token: token ? { ...token, cloud_quota_exhausted: quota } : null,
  })
}

async function latestTokenFetch(yly: YilianyunModuleService, clientId: string) {
  const [row] = await yly.listTokenFetches(
    { client_id: clientId },
    { select: ["succeeded", "error_code", "fetched_at"], order: { fetched_at: "DESC" }, take: 1 }
  )
  return row ? { succeeded: row.succeeded, error_code: row.error_code, fetched_at: new Date(row.fetched_at) } : null
}

async function clockMeasuredAt(yly: YilianyunModuleService, clientId: string): Promise<Date | null> {
  // only the time: the row also holds the access token, which never leaves the server
  const [row] = await yly.listCredentials({ client_id: clientId }, { select: ["clock_offset_at"], take: 1 })
  return row?.clock_offset_at ? new Date(row.clock_offset_at) : null
}
