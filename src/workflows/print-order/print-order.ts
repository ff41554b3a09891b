import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { randomUUID } from "node:crypto"
import { type JobOutcome, sendLeaseMs } from "../utils/print-sender"
import { printTrace } from "../utils/print-trace"
import { refreshOrderPrintMetadata } from "../utils/refresh-order-metadata"
import { sendJobs } from "../utils/send-job"
import type { PrintOrderInput } from "./index"
import { makePrintJobs } from "./steps/create-print-jobs"
import { loadOrderForPrint } from "./steps/load-order-for-print"

export type PrintOrderResult = { job_ids: string[]; outcomes: Record<string, JobOutcome> }

/**
 * printOrderWorkflow's one step: the printers are read once, the order
 * with only the fields receipts and routing need, the jobs are created and sent at once, and what
 * can wait — noting what was evaluated for the reconciler, rebuilding the order's metadata — runs
 * after the requests have left. Those follow-ups are derived data: one that fails is logged and
 * done again by the next change or reconciler pass (as in the workflow), never failing the print.
 */
export async function printOrder(container: MedusaContainer, input: PrintOrderInput): Promise<PrintOrderResult> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const trace = printTrace(input)
  // the printers are read beside the order
  const printersRead = yly.listPrinters({})
  printersRead.catch(() => undefined) // awaited below; the order's failure to load may come first
  const loaded = await loadOrderForPrint(
    container,
    { order_id: input.order_id ?? null, fulfillment_id: input.fulfillment_id ?? null, payment_id: input.payment_id ?? null },
    { printers: printersRead as Promise<any[]> }
  )
  const printers = await printersRead
  trace?.("loaded")
  const sending = yly.isConfigured()
  const created = await makePrintJobs(
    container,
    {
      loaded,
      trigger: input.trigger,
      requested_by: input.requested_by ?? "event",
      printer_ids: input.printer_ids ?? null,
      printers: printers as any[],
    },
    // sent right away: created claimed by this sender, the first attempt started
    { deferRouteCheck: true, claimFor: sending ? { claimId: randomUUID(), leaseMs: sendLeaseMs(yly) } : null }
  )
  trace?.("created")
  const outcomes = sending && created.jobs.length ? await sendJobs(container, created.jobs) : {}
  trace?.("sent")
  await followUps(container, loaded.order.id, created.noteEvaluated)
  trace?.("done")
  return { job_ids: created.job_ids, outcomes }
}

async function followUps(container: MedusaContainer, orderId: string, noteEvaluated: (() => Promise<unknown>) | null) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const [noted, refreshed] = await Promise.allSettled([
    noteEvaluated ? noteEvaluated() : Promise.resolve(),
    refreshOrderPrintMetadata(container, orderId),
  ])
  if (noted.status === "rejected") {
    // the reconciler evaluates the order again (its jobs keep it from printing twice)
    logger.warn(`yilianyun: order ${orderId}: could not note the printers evaluated (${(noted.reason as Error)?.message ?? noted.reason})`)
  }
  if (refreshed.status === "rejected") {
    logger.warn(`yilianyun: order metadata not rebuilt yet (${orderId}: ${(refreshed.reason as Error)?.message ?? refreshed.reason})`)
  }
}
