import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { sendJobs } from "../../utils/send-job"

/** A pending job this young may still be inside its own inline send loop. */
const PENDING_GRACE_MS = 30 * 1000

/**
 * Jobs left pending — by a crash between creating and sending, a transient failure that ran out
 * of inline attempts, or a spent token budget — are sent now (same origin_id: never a double
 * print within the cloud's dedupe window; past the re-send window they fail visibly instead).
 */
export const resendPendingJobsStep = createStep(
  "yly-resend-pending-jobs",
  async (input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured()) return new StepResponse([] as string[])
    const now = new Date(input.now).getTime()
    const pending = await yly.listPrintJobs({ status: ["pending"] } as any, {
      select: ["id", "order_id", "created_at", "updated_at", "next_attempt_at"],
      take: 500,
      order: { created_at: "ASC" },
    })
    const due = pending.filter(
      (j: any) =>
        now - new Date(j.updated_at).getTime() >= PENDING_GRACE_MS &&
        (!j.next_attempt_at || new Date(j.next_attempt_at).getTime() <= now)
    )
    await sendJobs(container, due.map((j: any) => j.id))
    return new StepResponse(due.map((j: any) => j.order_id as string))
  }
)
