import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { sendJobs } from "../../utils/send-job"
import { guarded } from "../guarded"

/** At most this many jobs per pass: the rest are taken up by the next one. */
const DUE_JOBS_PER_PASS = 200

/**
 * Jobs that should move and nobody is moving — left pending by a crash between creating and
 * sending, waiting for a token or the cloud, an unknown outcome due for another attempt (same
 * origin_id), a sender that died holding one, a withdrawal still to do — are claimed and passed
 * over now. A job another process holds is skipped.
 */
export const resendPendingJobsStep = createStep(
  "yly-resend-pending-jobs",
  async (_input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured()) return new StepResponse([] as string[])
    const orders = await guarded(container, "sending due jobs", [] as string[], async () => {
      const due = await yly.listDueJobs(DUE_JOBS_PER_PASS)
      await sendJobs(container, due.map((j) => j.id))
      return [...new Set(due.map((j) => j.order_id))]
    })
    return new StepResponse(orders)
  }
)
