import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { refreshOrderMetadataStep } from "../print-order/steps/refresh-order-metadata"

/**
 * order.canceled: jobs not yet sent are canceled here; parts already queued at the cloud but not
 * printed are withdrawn with printer/cancelone. A part the cloud no longer holds (printed, or
 * cancel refused) stays as it is and the job keeps its status.
 */
export const cancelUnprintedJobsStep = createStep(
  "yly-cancel-unprinted-jobs",
  async (input: { order_id: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const jobs = await yly.listPrintJobs(
      { order_id: input.order_id, status: ["pending", "sent"] } as any,
      { relations: ["parts", "printer"] }
    )
    const canceled: string[] = []
    for (const job of jobs as any[]) {
      let allCanceled = true
      for (const part of job.parts) {
        if (part.status === "pending") {
          await yly.updatePrintParts({ id: part.id, status: "canceled" })
        } else if (part.status === "sent" && part.print_id && yly.isConfigured()) {
          try {
            await yly.withApi((api) => api.printer.cancelOne(job.printer.machine_code, part.print_id))
            await yly.updatePrintParts({ id: part.id, status: "canceled" })
          } catch (e) {
            allCanceled = false
            await yly.updatePrintParts({ id: part.id, last_error: `Could not withdraw: ${(e as Error).message}` })
          }
        } else if (part.status !== "canceled") {
          allCanceled = false
        }
      }
      if (allCanceled) {
        await yly.updatePrintJobs({ id: job.id, status: "canceled", canceled_at: new Date(), last_error: "The order was canceled." })
        canceled.push(job.id)
      }
    }
    return new StepResponse(canceled)
  }
)

export const cancelOrderPrintsWorkflow = createWorkflow(
  "yly-cancel-order-prints",
  (input: { order_id: string }) => {
    const canceled = cancelUnprintedJobsStep(input)
    refreshOrderMetadataStep(transform({ input }, ({ input }) => ({ order_ids: [input.order_id] })))
    return new WorkflowResponse(canceled)
  }
)
