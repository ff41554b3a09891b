import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { YilianyunEvents } from "../events"
import type { ClaimedJob } from "../../modules/yilianyun/ledger"
import { JobOutcome, processJob } from "./print-sender"
import { LaneQueue } from "./send-queue"

/**
 * A job to send, with its printer when the caller knows it (saves reading it back), and the job
 * as created claimed by the caller (`claimId`), which is then not claimed again.
 */
export type JobRef = string | { id: string; printer_id: string; claimed?: ClaimedJob | null; claimId?: string }

/** At most this many printers are sent to at once by one process. */
const SEND_CONCURRENCY = 4
const lanes = new LaneQueue(SEND_CONCURRENCY)

/**
 * Sends (or withdraws) these jobs: each printer's jobs one after another in order, a few printers
 * at a time, each job claimed first so no other process or pass sends it meanwhile. Emits
 * yilianyun.print_failed for each job that failed for good, so the admin feed and the store can
 * react.
 */
export async function sendJobs(container: MedusaContainer, refs: JobRef[]): Promise<Record<string, JobOutcome>> {
  if (!refs.length) return {}
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const known = refs.filter((r): r is Exclude<JobRef, string> => typeof r !== "string")
  const jobs: Exclude<JobRef, string>[] =
    known.length === refs.length
      ? known // in the order they were created
      : await yly.listPrintJobs(
          { id: refs.map((r) => (typeof r === "string" ? r : r.id)) },
          { select: ["id", "printer_id", "created_at"], order: { created_at: "ASC" } }
        )
  const outcomes = await Promise.all(
    jobs.map(async (j) => {
      const claimed = j.claimed && j.claimId ? { job: j.claimed, claimId: j.claimId } : undefined
      return [j.id, await lanes.run(j.printer_id, (next) => processJob(yly, j.id, { handOn: next, claimed }))] as const
    })
  )
  const failed = outcomes.filter(([, o]) => o === "failed").map(([id]) => id)
  if (failed.length) {
    const rows = await yly.listPrintJobs({ id: failed }, { select: ["id", "order_id", "printer_id", "last_error"] })
    await container.resolve(Modules.EVENT_BUS).emit(
      rows.map((j: any) => ({
        name: YilianyunEvents.PRINT_FAILED,
        data: { order_id: j.order_id, job_id: j.id, printer_id: j.printer_id, reason: j.last_error },
      }))
    )
  }
  return Object.fromEntries(outcomes)
}
