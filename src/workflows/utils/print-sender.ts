import { randomUUID } from "node:crypto"
import type { ClaimedJob, Failure, LedgerPart } from "../../modules/yilianyun/ledger"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import type { PrintStatus } from "../../modules/yilianyun/statuses"
import { formatDateTime, markLate } from "../../receipt"
import { backoffDelay, OrderStatus, YilianyunError } from "../../yilianyun"
import { printTrace } from "./print-trace"
import { classifySendFailure } from "./send-failure"

/** The cloud's answer when there is nothing (left) to cancel. */
const NOTHING_TO_CANCEL = 24
/** A job that waits without a known end (no token yet, printer disabled) is looked at again after this. */
const WAIT_RETRY_MS = 60_000
/** How many pages of 100 the origin_id lookup reads at most (the list reaches 10,000 records). */
const LOOKUP_MAX_PAGES = 20

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Next = { at?: Date | null; failure?: Failure | null }

/** What became of a job after one pass of its claimer; `skipped` when someone else held it. */
export type JobOutcome = PrintStatus | "skipped" | "lost"

type Ctx = {
  yly: YilianyunModuleService
  job: ClaimedJob
  claimId: string
  leaseMs: number
  /** called once the job's last request has been answered: its printer's next job may go */
  handOn?: () => void
  /** the part whose attempt was started when the job was created claimed (not started again) */
  started?: string
}

/** How long a claim lasts: one attempt (connect + request) and the bookkeeping around it. */
export function sendLeaseMs(yly: YilianyunModuleService): number {
  const { timeouts } = yly.getOptions()
  return timeouts.connectMs + timeouts.requestMs + 15_000
}

/**
 * One pass over a job by whoever claims it (the event's workflow, the reconciler, a retry):
 * claim → send its parts in order, or withdraw them when a cancel was requested → release. The
 * claim makes sure no other process sends it meanwhile; every status change goes through the
 * module's ledger, which refuses moves a canceled or printed print may not make.
 */
export async function processJob(
  yly: YilianyunModuleService,
  jobId: string,
  opts: { handOn?: () => void; claimed?: { job: ClaimedJob; claimId: string } } = {}
): Promise<JobOutcome> {
  const leaseMs = sendLeaseMs(yly)
  // a job created claimed by this sender (its first part's attempt started) is not claimed again
  const claimId = opts.claimed?.claimId ?? randomUUID()
  const job = opts.claimed?.job ?? (await yly.ledger.claim(jobId, claimId, leaseMs))
  if (!job) return "skipped"
  const started = opts.claimed ? job.parts.find((p) => p.status === "sending")?.id : undefined
  const ctx: Ctx = { yly, job, claimId, leaseMs, handOn: opts.handOn, started }
  let next: Next = {}
  try {
    next = job.cancel_requested_at ? await withdraw(ctx) : await send(ctx)
  } catch (e) {
    // our own failure (database, a bug): the job stays due and the reconciler takes it up again
    next = { at: new Date(Date.now() + WAIT_RETRY_MS), failure: { reason: (e as Error)?.message ?? String(e), code: "error" } }
  }
  const status = await yly.ledger.release(jobId, claimId, next)
  return status ?? "lost"
}

async function send(ctx: Ctx): Promise<Next> {
  const { yly, job, claimId } = ctx
  const { retry } = yly.getOptions()
  const printer = job.printer
  if (!printer || printer.removed) {
    await yly.ledger.requestCancel([job.id], "The printer was removed.")
    return withdraw(ctx)
  }
  if (!printer.enabled) {
    return {
      at: new Date(Date.now() + WAIT_RETRY_MS),
      failure: { reason: `Printer ${printer.machine_code} is disabled; the print waits until it is enabled again.`, code: "disabled" },
    }
  }
  let last: Next = {}
  const settled = (p: LedgerPart) => p.status === "sent" || p.status === "printed" || p.status === "canceled"
  for (const [index, part] of job.parts.entries()) {
    if (part.status === "sent" || part.status === "printed" || part.status === "canceled") continue
    if (part.status === "failed") return {}
    for (let inline = 1; ; inline++) {
      if (part.status === "unknown" && windowClosed(yly, part)) {
        const settled = await settleUnknownAtWindow(ctx, part)
        if (!settled) return {}
        break
      }
      if (ctx.started === part.id) {
        ctx.started = undefined // started with the job's creation: its attempt is counted already
      } else {
        const start = await yly.ledger.startAttempt(job.id, part.id, claimId, ctx.leaseMs)
        if (start.lost) return {}
        if (start.cancel) return withdraw(ctx)
        if (!start.ok) break // settled meanwhile (a finish push): nothing to send
        part.attempts += 1
        part.last_attempt_at = new Date()
      }
      try {
        const content = lateContent(yly, job, part)
        printTrace({ order_id: job.order_id, trigger: job.trigger }, "request")
        const res = await yly.withApi((api) =>
          api.print.text({ machineCode: printer.machine_code, content, originId: part.origin_id })
        )
        // the cloud has the job's last print: the printer's next job need not wait for our bookkeeping
        if (job.parts.slice(index + 1).every(settled)) ctx.handOn?.()
        part.status = (await yly.ledger.markSent(part.id, String(res.id))) ?? part.status
        last = {}
        // a cancel that arrived during the attempt is honoured now that the print id is known
        const renewed = await yly.ledger.renew(job.id, claimId, ctx.leaseMs)
        if (renewed.lost) return {}
        if (renewed.cancelRequested) return withdraw(ctx)
        break
      } catch (e) {
        const f = classifySendFailure(e)
        const failure = { reason: f.reason, code: f.code }
        if (f.kind === "permanent") {
          await yly.ledger.markFailed(job.id, part.id, f.reason)
          return { failure }
        }
        if (f.kind === "unknown") {
          await yly.ledger.markUnknown(part.id, f.reason)
          part.status = "unknown"
          part.first_attempt_at ??= part.last_attempt_at
        } else {
          part.status = (await yly.ledger.markNotReached(part.id, f.reason)) ?? part.status
        }
        // waiting for a token: due again when the token store says (or at the next pass, which is cheap:
        // the store-wide backoff keeps the cloud from being asked more often)
        if (f.kind === "wait") return { at: f.until, failure }
        const delay = backoffDelay(part.attempts, { baseMs: retry.baseDelayMs, maxMs: retry.maxDelayMs })
        last = { at: new Date(Date.now() + delay), failure }
        // the rest is left to the reconciler, which keeps the same origin_id
        if (inline >= retry.inlineAttempts) return last
        const renewed = await yly.ledger.renew(job.id, claimId, ctx.leaseMs + delay)
        if (renewed.lost) return {}
        if (renewed.cancelRequested) return withdraw(ctx)
        await sleep(delay)
      }
    }
  }
  return last
}

/**
 * The part's content, marked late on the paper when it could not be sent for a while. Only a part
 * nothing of which may be at the cloud yet is changed: a repeat of one that may have landed must
 * carry the same content as the first (the cloud keeps the first anyway).
 */
function lateContent(yly: YilianyunModuleService, job: ClaimedJob, part: LedgerPart): string {
  const { retry, timezone } = yly.getOptions()
  if (!retry.lateAfterMinutes || part.first_attempt_at) return part.content
  const waited = Date.now() - new Date(job.created_at).getTime()
  if (waited < retry.lateAfterMinutes * 60_000) return part.content
  // "MM-DD HH:mm" in the store's zone: when the order came in
  const at = formatDateTime(job.created_at, timezone).slice(5, 16)
  return markLate(part.content, `延迟打印 LATE · ${at}`, job.printer_columns ?? 32)
}

/** The cloud dedupes an origin_id for 2 hours after it first saw it; we stop re-sending before. */
function windowClosed(yly: YilianyunModuleService, part: LedgerPart): boolean {
  if (!part.first_attempt_at) return false
  return Date.now() - new Date(part.first_attempt_at).getTime() > yly.getOptions().retry.windowMinutes * 60_000
}

/**
 * A part whose outcome is still unknown when the dedupe window closes is never re-sent blindly:
 * it is looked for at the cloud by its origin_id; found, it is sent (and its status is asked
 * later); not found, it is failed and shown, since a re-send could print it twice.
 */
async function settleUnknownAtWindow(ctx: Ctx, part: LedgerPart): Promise<boolean> {
  const { yly, job } = ctx
  const found = await findAtCloud(yly, job.printer!.machine_code, part.origin_id).catch(() => null)
  if (found) {
    part.status = (await yly.ledger.markSent(part.id, found.id)) ?? part.status
    if (found.status === "printed") await yly.ledger.settlePrinted(part.id, new Date())
    return true
  }
  const { windowMinutes } = yly.getOptions().retry
  await yly.ledger.failUnknown(
    part.id,
    `Not confirmed within ${windowMinutes} minutes of the first attempt and not found at the cloud, so it was not ` +
      `sent again (that could print twice). Check printer ${job.printer!.machine_code} and reprint if it is missing.`
  )
  return false
}

/**
 * Withdraws the job's prints after a cancel request (order canceled, replaced by a reprint,
 * queue cleared): parts that never left are canceled; parts at the cloud are withdrawn with
 * printer/cancelone; a part whose last attempt has an unknown outcome is looked for by origin_id
 * once that request can no longer land, and while it cannot be found it is never sent again
 * and the job stays open, so the withdrawal is tried again later.
 */
async function withdraw(ctx: Ctx): Promise<Next> {
  const { yly, job } = ctx
  const reason = job.cancel_reason ?? "Canceled."
  // parts that went back to waiting during this pass are canceled too
  await yly.ledger.requestCancel([job.id], reason)
  const parts = await yly.listPrintParts({ job_id: job.id }, { order: { part_number: "ASC" } })
  const machineCode = job.printer?.machine_code
  let next: Next = {}
  for (const part of parts as unknown as LedgerPart[]) {
    if (part.status !== "sent" && part.status !== "unknown") continue
    if (!machineCode || job.printer?.removed) {
      // an unbound printer's queue cannot be reached any more: the cloud dropped it with the binding
      await yly.ledger.markWithdrawn(part.id, reason)
      continue
    }
    let printId = part.print_id
    if (!printId) {
      const lifetime = yly.getOptions().retry.requestLifetimeMs
      const since = Date.now() - new Date(part.last_attempt_at ?? (part as { updated_at?: Date }).updated_at ?? 0).getTime()
      if (since < lifetime) {
        next = {
          at: new Date(Date.now() + (lifetime - since)),
          failure: { reason: `${reason} Withdrawing: waiting for the last attempt to settle before looking it up.`, code: "withdrawing" },
        }
        continue
      }
      const found = await findAtCloud(yly, machineCode, part.origin_id).catch(() => null)
      if (!found) {
        if (windowClosed(yly, part)) {
          await yly.ledger.failUnknown(
            part.id,
            `${reason} Its last attempt's outcome is unknown and it was not found at the cloud, so it could not be withdrawn — check printer ${machineCode}.`
          )
        } else {
          next = {
            at: new Date(Date.now() + WAIT_RETRY_MS),
            failure: { reason: `${reason} Not found at the cloud yet; it is never sent again and is looked for again.`, code: "withdrawing" },
          }
        }
        continue
      }
      await yly.ledger.markSent(part.id, found.id)
      if (found.status === "printed") {
        await yly.ledger.settlePrinted(part.id, new Date())
        continue
      }
      if (found.status === "canceled") {
        await yly.ledger.markWithdrawn(part.id, reason)
        continue
      }
      printId = found.id
    }
    next = (await cancelAtCloud(yly, machineCode, part.id, printId, reason)) ?? next
  }
  return next
}

/** printer/cancelone; when the cloud has nothing to cancel, asks whether it printed or was canceled. */
async function cancelAtCloud(
  yly: YilianyunModuleService,
  machineCode: string,
  partId: string,
  printId: string,
  reason: string
): Promise<Next | null> {
  try {
    await yly.withApi((api) => api.printer.cancelOne(machineCode, printId))
    await yly.ledger.markWithdrawn(partId, reason)
    return null
  } catch (e) {
    if (!(e instanceof YilianyunError && e.v1Code === NOTHING_TO_CANCEL)) {
      return {
        at: new Date(Date.now() + WAIT_RETRY_MS),
        failure: { reason: `${reason} Could not withdraw it yet: ${(e as Error).message}`, code: "withdrawing" },
      }
    }
  }
  try {
    const status = await yly.withApi((api) => api.printer.getOrderStatus(machineCode, printId))
    if (status.status === "printed") await yly.ledger.settlePrinted(partId, new Date())
    // nothing to cancel and not printed: canceled (v1 says "unprinted or canceled" for both)
    else if (status.status !== "unprinted") await yly.ledger.markWithdrawn(partId, reason)
    else return { at: new Date(Date.now() + WAIT_RETRY_MS), failure: { reason: `${reason} Not withdrawn yet.`, code: "withdrawing" } }
    return null
  } catch (e) {
    return { at: new Date(Date.now() + WAIT_RETRY_MS), failure: { reason: (e as Error).message, code: "withdrawing" } }
  }
}

/**
 * Looks for a print by its origin_id in the printer's list at the cloud: a bounded scan (the list
 * has no filter, its order is undocumented and it reaches at most 10,000 records).
 */
export async function findAtCloud(
  yly: YilianyunModuleService,
  machineCode: string,
  originId: string
): Promise<{ id: string; status: OrderStatus } | null> {
  for (let page = 1; page <= LOOKUP_MAX_PAGES; page++) {
    const rows = await yly.withApi((api) => api.printer.getOrderPagingList(machineCode, page, 100))
    const hit = rows.find((r) => r.originId === originId)
    if (hit) return { id: hit.id, status: hit.status }
    if (rows.length < 100) return null
  }
  return null
}

/** How long a merchant's replace waits for a sender that holds the job to finish its attempt. */
const REPLACE_WAIT_MS = 20_000

export class ReplaceRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "ReplaceRefusedError"
  }
}

/**
 * Withdraws a job that a reprint replaces, now: claims it (waiting a little for a sender that
 * holds it), refuses when one of its prints may be at the cloud and cannot be found there (a
 * timed-out request can still land, so its absence proves nothing until its lifetime has passed
 * and the lookup finds nothing certain either way), and otherwise cancels it at the cloud. Throws
 * ReplaceRefusedError, changing nothing, when it cannot be withdrawn safely; returns when nothing
 * of it can print any more.
 */
export async function withdrawForReplace(yly: YilianyunModuleService, jobId: string, replacedBy: string): Promise<void> {
  const { timeouts, retry } = yly.getOptions()
  const leaseMs = timeouts.connectMs + timeouts.requestMs + 15_000
  const claimId = randomUUID()
  const started = Date.now()
  let job: ClaimedJob | null = null
  for (;;) {
    job = await yly.ledger.claim(jobId, claimId, leaseMs)
    if (job) break
    const [row] = await yly.listPrintJobs({ id: jobId }, { select: ["id", "status"] })
    if (!row || !["sending", "pending", "waiting", "unknown", "sent"].includes(row.status)) return // done already
    if (row.status === "sent") break // nothing claimable: sent and not (yet) asked to cancel
    if (Date.now() - started > REPLACE_WAIT_MS) {
      throw new ReplaceRefusedError(`Job ${jobId} is being sent right now; try the reprint again in a minute.`)
    }
    await sleep(250)
  }
  if (!job) {
    // a sent job is claimable only once a cancel is requested
    await yly.ledger.requestCancel([jobId], `Replaced by reprint ${replacedBy}.`, replacedBy)
    job = await yly.ledger.claim(jobId, claimId, leaseMs)
    if (!job) return
  }
  let next: Next = {}
  try {
    const machineCode = job.printer?.machine_code
    for (const part of job.parts) {
      if (part.status !== "unknown" || part.print_id || !machineCode || job.printer?.removed) continue
      const since = Date.now() - new Date(part.last_attempt_at ?? 0).getTime()
      if (since < retry.requestLifetimeMs) {
        throw new ReplaceRefusedError(
          `The last attempt to send job ${jobId} has not settled yet (its outcome is unknown); ` +
            `try the reprint again in ${Math.ceil((retry.requestLifetimeMs - since) / 1000)} s.`
        )
      }
      const found = await findAtCloud(yly, machineCode, part.origin_id)
      if (!found) {
        throw new ReplaceRefusedError(
          `Job ${jobId} may be queued at the cloud (its last attempt timed out) but it could not be found there, ` +
            `so it cannot be withdrawn safely and a reprint could print twice. Check printer ${machineCode}; ` +
            `the job is settled as printed or failed within ${retry.windowMinutes} minutes of its first attempt.`
        )
      }
      await yly.ledger.markSent(part.id, found.id)
    }
    await yly.ledger.requestCancel([jobId], `Replaced by reprint ${replacedBy}.`, replacedBy)
    job.cancel_reason = `Replaced by reprint ${replacedBy}.`
    next = await withdraw({ yly, job, claimId, leaseMs })
  } finally {
    await yly.ledger.release(jobId, claimId, next)
  }
  const [after] = await yly.listPrintParts({ job_id: jobId, status: ["sending", "sent", "unknown"] } as any, { select: ["id"] })
  if (after) {
    throw new ReplaceRefusedError(
      `Job ${jobId} could not be withdrawn from the printer's queue yet (${next.failure?.reason ?? "the cloud did not confirm"}); ` +
        `it will not be sent again and is withdrawn later — try the reprint again in a minute.`
    )
  }
}
