import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { YilianyunError } from "../../yilianyun"
import { OPEN_JOB_STATUSES } from "../cancel-order-prints"
import { refreshOrderMetadataStep } from "../print-order/steps/refresh-order-metadata"
import { loadPrinterStep } from "../update-printer/steps/load-printer"
import { sendJobs } from "../utils/send-job"

/** the cloud's "nothing unprinted to cancel" */
const QUEUE_EMPTY = 24
const REASON = "Canceled from the admin: the printer's queue was cleared."

/** printer/cancelall (an empty queue is not an error). Returns when the cloud cleared it. */
const cancelAllAtCloudStep = createStep("yly-cancel-all-at-cloud", async (input: { machine_code: string }, { container }) => {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const at = new Date()
  try {
    await yly.withApi((api) => api.printer.cancelAll(input.machine_code))
  } catch (e) {
    // only with its v1 meaning: a v2 code 24 may mean something else (its table is a GAP)
    if (!(e instanceof YilianyunError && e.v1Code === QUEUE_EMPTY)) throw e
  }
  return new StepResponse(at)
})

/**
 * The printer's open jobs are canceled in the ledger: what never left at once, what the cloud's
 * cancelall withdrew as withdrawn, and what was sent after it (or is held by a sender) withdrawn
 * one by one.
 */
const cancelPrinterJobsStep = createStep(
  "yly-cancel-printer-jobs",
  async (input: { printer_id: string; cleared_at: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const open = await yly.listPrintJobs({ printer_id: input.printer_id, status: OPEN_JOB_STATUSES }, {
      select: ["id", "order_id"],
    })
    const requested = await yly.ledger.requestCancel(open.map((j) => j.id), REASON)
    await yly.ledger.settleWithdrawnByCancelAll(input.printer_id, new Date(input.cleared_at), REASON)
    const left = await yly.listPrintJobs(
      { id: requested.map((r) => r.job_id), status: ["sent", "unknown"] },
      { select: ["id"] }
    )
    if (left.length) await sendJobs(container, left.map((j) => j.id))
    return new StepResponse({ job_ids: open.map((j) => j.id), order_ids: [...new Set(open.map((j) => j.order_id))] })
  }
)

/**
 * Cancels everything this printer has not printed yet: at the cloud (printer/cancelall) and in
 * the ledger; the orders' print status is rebuilt. A print that had in fact printed still turns
 * printed when its finish push arrives.
 */
export const cancelPrinterQueueWorkflow = createWorkflow("yly-cancel-printer-queue", (input: { id: string }) => {
  const printer = loadPrinterStep(input)
  const clearedAt = cancelAllAtCloudStep(transform({ printer }, ({ printer }) => ({ machine_code: printer.machine_code })))
  const canceled = cancelPrinterJobsStep(
    transform({ input, clearedAt }, ({ input, clearedAt }) => ({ printer_id: input.id, cleared_at: clearedAt }))
  )
  refreshOrderMetadataStep(transform({ canceled }, ({ canceled }) => ({ order_ids: canceled.order_ids })))
  return new WorkflowResponse(transform({ input, canceled }, ({ input, canceled }) => ({ printer_id: input.id, canceled_jobs: canceled.job_ids.length })))
})
