import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { printOrder } from "./print-order"

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
 * Prints the order: the printers are read once, the order with only the fields receipts and routing
 * need, the jobs created and sent; then — the requests have left — what can wait: noting the
 * printers evaluated for the reconciler and rebuilding the order's metadata (see print-order.ts).
 * One step: the parts have nothing to compensate (a job, once created, is the ledger's to settle),
 * and each extra step is engine time on the way to the printer.
 */
export const printOrderStep = createStep("yly-print-order", async (input: PrintOrderInput, { container }) =>
  new StepResponse(await printOrder(container, input))
)

/**
 * Prints an order on every printer that routes it, exactly once per (order, printer, trigger,
 * template, fulfillment). What the print subscribers and the reconciler run; exported for stores:
 * `printOrderWorkflow(container).run({ input: { order_id, trigger } })`.
 */
export const printOrderWorkflow = createWorkflow("yly-print-order", (input: PrintOrderInput) => {
  return new WorkflowResponse(printOrderStep(input))
})
