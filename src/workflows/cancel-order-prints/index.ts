import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { refreshOrderMetadataStep } from "../print-order/steps/refresh-order-metadata"
import { sendJobs } from "../utils/send-job"

/** Jobs that may still print. */
export const OPEN_JOB_STATUSES = ["pending", "sending", "waiting", "unknown", "sent"]

/**
 * Asks the ledger to cancel these jobs, then withdraws what is at the cloud: parts never sent are
 * canceled at once; queued ones are withdrawn with printer/cancelone by whoever holds the job (a
 * sender in the middle of an attempt honours the request as soon as the cloud has answered).
 */
export const cancelJobsStep = createStep(
  "yly-cancel-jobs",
  async (input: { job_ids: string[]; reason: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const requested = await yly.ledger.requestCancel(input.job_ids, input.reason)
    const toWithdraw = requested.filter((r) => r.to_withdraw > 0 && !r.claimed).map((r) => r.job_id)
    if (toWithdraw.length && yly.isConfigured()) await sendJobs(container, toWithdraw)
    return new StepResponse(requested.map((r) => r.job_id))
  }
)

const openJobsOfOrderStep = createStep("yly-open-jobs-of-order", async (input: { order_id: string }, { container }) => {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const jobs = await yly.listPrintJobs({ order_id: input.order_id, status: OPEN_JOB_STATUSES }, { select: ["id"] })
  return new StepResponse(jobs.map((j) => j.id))
})

/**
 * order.canceled: nothing of the order prints any more — jobs not yet sent are canceled, prints
 * queued at the cloud are withdrawn. A print the cloud no longer holds (printed) stays printed.
 */
export const cancelOrderPrintsWorkflow = createWorkflow("yly-cancel-order-prints", (input: { order_id: string }) => {
  const jobIds = openJobsOfOrderStep(input)
  const canceled = cancelJobsStep(transform({ jobIds }, ({ jobIds }) => ({ job_ids: jobIds, reason: "The order was canceled." })))
  refreshOrderMetadataStep(transform({ input }, ({ input }) => ({ order_ids: [input.order_id] })))
  return new WorkflowResponse(canceled)
})
