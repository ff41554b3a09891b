import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import { YilianyunEvents } from "../events"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { TokenBudgetExhaustedError } from "../../modules/yilianyun/token-store"
import { backoffDelay, YilianyunError } from "../../yilianyun"

export type SendOutcome = "sent" | "failed" | "waiting" | "skipped"

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Sends every unsent part of a pending job with its stable origin_id and idempotence=1.
 * Transient failures retry with backoff (same origin_id, so the cloud dedupes); after the inline
 * attempts the job waits, still pending, for the reconciler. Permanent errors fail at once with
 * the cloud's reason as a sentence. Past the re-send window (≈110 min after the first attempt,
 * inside the cloud's 2 h dedupe) nothing is re-sent: the job fails visibly instead (design §3).
 */
export async function sendJob(yly: YilianyunModuleService, jobId: string): Promise<SendOutcome> {
  const { retry } = yly.getOptions()
  const job = await yly.retrievePrintJob(jobId, { relations: ["parts", "printer"] })
  if (job.status !== "pending") return "skipped"
  const printer = job.printer as any
  if (!printer || printer.deleted_at) {
    await yly.updatePrintJobs({ id: job.id, status: "canceled", canceled_at: new Date(), last_error: "The printer was removed." })
    return "skipped"
  }
  const parts = [...(job.parts as any[])].sort((a, b) => a.part_number - b.part_number)
  const firstAttemptAt = job.first_attempt_at ? new Date(job.first_attempt_at) : new Date()
  let attempts = job.attempts ?? 0
  const windowEnd = firstAttemptAt.getTime() + retry.windowMinutes * 60_000

  for (const part of parts) {
    if (part.status !== "pending") continue
    for (let inline = 1; ; inline++) {
      if (Date.now() > windowEnd) {
        const reason =
          `Not confirmed within ${retry.windowMinutes} minutes of the first attempt, so it was not ` +
          `re-sent (that could print twice). Check printer ${printer.machine_code} and reprint if it is missing.`
        await yly.updatePrintParts({ id: part.id, status: "failed", last_error: reason })
        await yly.updatePrintJobs({ id: job.id, attempts, status: "failed", last_error: reason, last_error_code: "window" })
        return "failed"
      }
      attempts += 1
      if (!job.first_attempt_at) {
        await yly.updatePrintJobs({ id: job.id, first_attempt_at: firstAttemptAt })
        job.first_attempt_at = firstAttemptAt
      }
      try {
        const res = await yly.withApi((api) =>
          api.print.text({ machineCode: printer.machine_code, content: part.content, originId: part.origin_id })
        )
        await yly.updatePrintParts({ id: part.id, status: "sent", print_id: String(res.id), sent_at: new Date() })
        break
      } catch (e) {
        const wait = waitingReason(e)
        if (wait) {
          await yly.updatePrintJobs({
            id: job.id,
            attempts,
            next_attempt_at: wait.until,
            last_error: wait.message,
            last_error_code: wait.code,
          })
          return "waiting"
        }
        if (e instanceof YilianyunError && e.retryable) {
          const delay = backoffDelay(attempts, { baseMs: retry.baseDelayMs, maxMs: retry.maxDelayMs })
          if (inline < retry.inlineAttempts) {
            await sleep(delay)
            continue
          }
          await yly.updatePrintJobs({
            id: job.id,
            attempts,
            next_attempt_at: new Date(Date.now() + delay),
            last_error: e.message,
            last_error_code: String(e.code ?? e.kind),
          })
          return "waiting"
        }
        const message = e instanceof Error ? e.message : String(e)
        await yly.updatePrintParts({ id: part.id, status: "failed", last_error: message })
        await yly.updatePrintJobs({
          id: job.id,
          attempts,
          status: "failed",
          last_error: message,
          last_error_code: e instanceof YilianyunError ? String(e.code ?? e.kind) : "error",
        })
        return "failed"
      }
    }
  }
  await yly.updatePrintJobs({
    id: job.id,
    attempts,
    status: "sent",
    sent_at: new Date(),
    next_attempt_at: null,
    last_error: null,
    last_error_code: null,
  })
  return "sent"
}

/** Conditions under which a job simply waits (not a failure of the job itself). */
function waitingReason(e: unknown): { until: Date | null; message: string; code: string } | null {
  if (e instanceof TokenBudgetExhaustedError) return { until: e.freesAt, message: e.message, code: "token_budget" }
  if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED) {
    return { until: null, message: e.message, code: "not_configured" }
  }
  return null
}

/**
 * Sends several jobs (different printers in parallel) and emits yilianyun.print_failed for each
 * that failed for good, so the admin feed and the store can react.
 */
export async function sendJobs(container: MedusaContainer, jobIds: string[]): Promise<Record<string, SendOutcome>> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const outcomes = await Promise.all(jobIds.map(async (id) => [id, await sendJob(yly, id)] as const))
  const failed = outcomes.filter(([, o]) => o === "failed").map(([id]) => id)
  if (failed.length) {
    const jobs = await yly.listPrintJobs({ id: failed }, { select: ["id", "order_id", "printer_id", "last_error"] as any })
    await container.resolve(Modules.EVENT_BUS).emit(
      jobs.map((j: any) => ({
        name: YilianyunEvents.PRINT_FAILED,
        data: { order_id: j.order_id, job_id: j.id, printer_id: j.printer_id, reason: j.last_error },
      }))
    )
  }
  return Object.fromEntries(outcomes)
}
