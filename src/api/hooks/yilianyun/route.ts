import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { PUSH_MAX_AGE_SEC, PUSH_MAX_FUTURE_SEC } from "../../../modules/yilianyun/service"
import { pushDedupeKey } from "../../../workflows/apply-push/dedupe-key"
import { BackgroundQueue } from "../../../workflows/apply-push/queue"
import { applyPush } from "../../../workflows/apply-push/steps/apply-push"
import { parsePush, pushAck, verifyPush, YilianyunError } from "../../../yilianyun"

let applier: BackgroundQueue | null = null

/** The platform probes the push URL with GET (and POST) and expects {"data":"OK"}. */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  res.json(pushAck())
}

/**
 * POST /hooks/yilianyun — a signed push. Verified (sign in constant time, push_time fresh),
 * recorded once (the platform delivers up to 3 times), acknowledged well inside its 3 s, then
 * applied. A recorded push that fails to apply is applied again by the reconciler: never lost.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const options = yly.getOptions()
  if (!options.configured) {
    res.status(503).json({ message: "Yilianyun is not configured on this store: pushes cannot be verified." })
    return
  }
  const raw = (req as any).rawBody as Buffer | undefined
  const body = raw && raw.length ? raw : ((req.body ?? {}) as Record<string, unknown>)
  if (!raw?.length && isEmptyProbe(req.body)) {
    res.json(pushAck())
    return
  }
  let push
  try {
    push = parsePush(body, req.headers["content-type"])
  } catch (e) {
    await yly.notePushRefused("unreadable", {})
    res.status(400).json({ message: e instanceof YilianyunError ? e.message : "The push could not be read." })
    return
  }
  // Judged on the cloud's clock (ours plus the offset measured from its answers): no window is
  // documented, and an ordinary skew must not lose a push — a decision cannot be asked for again.
  const cloudNowSec = Math.floor((Date.now() + (await yly.clockOffsetMs())) / 1000)
  const verdict = verifyPush(push, {
    clientId: options.clientId!,
    clientSecret: options.clientSecret!,
    nowSec: cloudNowSec,
    maxAgeSec: PUSH_MAX_AGE_SEC,
    maxFutureSec: PUSH_MAX_FUTURE_SEC,
  })
  const fields = push.raw
  const { sign: _sign, ...payload } = fields
  const record = {
    dedupe_key: pushDedupeKey(fields),
    cmd: fields.cmd,
    machine_code: fields.machine_code ?? null,
    order_id: fields.order_id ?? null,
    state: fields.state ?? fields.online ?? null,
    push_time: push.pushTime,
    payload,
  }
  if (!verdict.ok) {
    logger.warn(`yilianyun: refused a push (${push.cmd} from ${fields.machine_code ?? "?"}): ${verdict.reason}`)
    await yly.notePushRefused(verdict.reason, fields)
    // signed but outside the window: kept in full, shown, never applied
    if (verdict.reason === "stale" || verdict.reason === "future") await yly.recordPushOnce(record, `refused-${verdict.reason}`)
    res.status(401).json({ message: `Push refused: ${verdict.reason.replace("_", " ")}.` })
    return
  }
  const id = await yly.recordPushOnce(record)
  res.json(pushAck())
  if (!id) return
  // Applied after the acknowledgement, outside the request's 3 s budget.
  applier ??= new BackgroundQueue(2, (e: any) =>
    logger.error(`yilianyun: applying a push failed (the reconciler retries it): ${e?.message ?? e}`)
  )
  const scope = req.scope
  applier.push(() => applyPush(scope, id))
}

/** A probe POST has no fields at all. */
function isEmptyProbe(body: unknown): boolean {
  return !body || (typeof body === "object" && Object.keys(body as object).length === 0)
}
