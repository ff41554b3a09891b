import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPrintJobsStep } from "./steps/create-print-jobs"
import { loadOrderForPrintStep } from "./steps/load-order-for-print"
import { refreshOrderMetadataStep } from "./steps/refresh-order-metadata"
import { sendPrintJobsStep } from "./steps/send-print-jobs"

export type PrintOrderInput = {
  /** the order; or, for events that carry none, the fulfillment or payment that leads to it */
  order_id?: string | null
  payment_id?: string | null
  /** the Medusa event that asked, e.g. "order.placed", "shipment.created" */
  trigger: string
  /** the fulfillment for fulfillment triggers */
  fulfillment_id?: string | null
  requested_by?: "event" | "reconcile" | "admin" | "api"
  printer_ids?: string[] | null
}

/**
 * Prints an order on every printer that routes it, exactly once per (order, printer, trigger,
 * template, fulfillment): load → route and render → create jobs → send → rebuild metadata.
 * Exported for stores: `printOrderWorkflow(container).run({ input: { order_id, trigger } })`.
 */
export const printOrderWorkflow = createWorkflow("yly-print-order", (input: PrintOrderInput) => {
  const loaded = loadOrderForPrintStep(
    transform({ input }, ({ input }) => ({
      order_id: input.order_id ?? null,
      fulfillment_id: input.fulfillment_id ?? null,
      payment_id: input.payment_id ?? null,
    }))
  )
  const created = createPrintJobsStep(
    transform({ input, loaded }, ({ input, loaded }) => ({
      loaded,
      trigger: input.trigger,
      requested_by: input.requested_by ?? "event",
      printer_ids: input.printer_ids ?? null,
    }))
  )
  const outcomes = sendPrintJobsStep(transform({ created }, ({ created }) => ({ job_ids: created.job_ids })))
  refreshOrderMetadataStep(transform({ loaded }, ({ loaded }) => ({ order_ids: [loaded.order.id as string] })))
  const jobIds = transform({ created }, ({ created }) => created.job_ids)
  return new WorkflowResponse({ job_ids: jobIds, outcomes })
})
