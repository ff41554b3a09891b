import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { PRINT_TRIGGERS, PrintTrigger } from "../../../modules/yilianyun/triggers"
import { cancelOrderPrintsWorkflow, OPEN_JOB_STATUSES } from "../../cancel-order-prints"
import { printOrderWorkflow } from "../../print-order"
import { guarded } from "../guarded"

/** How far back the reconciler looks for events whose print was missed. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000
/** Events younger than this are left to their own subscriber, which is probably still running. */
const GRACE_MS = 60 * 1000
/** Rows read per query and pages per trigger and pass: a pass reads at most 4 × 500 per trigger. */
const PAGE = 500
const MAX_PAGES = 4
/** Print workflows started per pass; the rest wait for the next pass. */
const MAX_RUNS_PER_PASS = 50
/** A candidate that fails this often is given up: its printers get a failed job saying why. */
const MAX_ATTEMPTS = 3

type Candidate = { order_id: string; trigger: PrintTrigger; source: string; at: Date }
type PrinterRow = { id: string; name: string; bound_at: Date; templates: Record<string, string[]> | null }

export type MissedSummary = { printed: string[]; withdrawn: string[]; failed: string[]; considered: number }

/**
 * Catches up every print an event should have made and did not (design §3), per (order, printer,
 * trigger): for each enabled printer and each trigger it prints, every real order event in the
 * window (never a draft, never from before the printer was bound) that has no job on that printer
 * and was not evaluated for it yet is printed now — so a lost `payment.captured` or fulfillment
 * event, or a second printer whose job was lost after the first printer's, is caught. A canceled
 * order's open jobs are withdrawn even when its order.canceled was lost. What was evaluated is
 * remembered (route checks): an order no printer wants is not evaluated every minute. Work per pass
 * is bounded, and one order that throws is logged, retried a few times and then given up and shown
 * as a failed job, while the others go on.
 */
export const printMissedOrdersStep = createStep("yly-print-missed-orders", async (input: { now: Date }, { container }) => {
  const none: MissedSummary = { printed: [], withdrawn: [], failed: [], considered: 0 }
  return new StepResponse(await guarded(container, "catching up missed prints", none, () => printMissedOrders(container, new Date(input.now))))
})

export async function printMissedOrders(container: MedusaContainer, now: Date): Promise<MissedSummary> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const out: MissedSummary = { printed: [], withdrawn: [], failed: [], considered: 0 }
  const printers = (await yly.listPrinters({ enabled: true })) as unknown as PrinterRow[]
  if (!printers.length) return out

  // a canceled order's prints are withdrawn even when its order.canceled was lost
  out.withdrawn = await withdrawCanceled(container, yly, now)

  const candidates: { c: Candidate; printers: PrinterRow[] }[] = []
  for (const trigger of PRINT_TRIGGERS) {
    const wanting = printers.filter((p) => (p.templates?.[trigger] ?? []).length > 0)
    if (!wanting.length) continue
    const earliest = Math.min(...wanting.map((p) => new Date(p.bound_at).getTime()))
    const since = new Date(Math.max(earliest, now.getTime() - LOOKBACK_MS))
    const until = new Date(now.getTime() - GRACE_MS)
    if (since >= until) continue
    for (const c of await eventsOf(container, trigger, since, until)) {
      const eligible = wanting.filter((p) => new Date(p.bound_at).getTime() <= c.at.getTime())
      if (eligible.length) candidates.push({ c, printers: eligible })
    }
  }
  out.considered = candidates.length
  if (!candidates.length) return out

  const orderIds = [...new Set(candidates.map(({ c }) => c.order_id))]
  const [checks, jobs] = await Promise.all([
    yly.routeChecksFor(candidates.map(({ c }) => c)),
    yly.listPrintJobs({ order_id: orderIds }, { select: ["order_id", "printer_id", "trigger", "source"] }),
  ])
  const hasJob = new Set(jobs.map((j) => `${j.order_id}|${j.printer_id}|${j.trigger}|${j.source}`))
  let runs = 0
  for (const { c, printers: eligible } of candidates) {
    const key = `${c.order_id}|${c.trigger}|${c.source}`
    const check = checks.get(key)
    if ((check?.attempts ?? 0) >= MAX_ATTEMPTS) continue
    const missing = eligible.filter(
      (p) => !hasJob.has(`${c.order_id}|${p.id}|${c.trigger}|${c.source}`) && !check?.printer_ids.includes(p.id)
    )
    if (!missing.length) continue
    if (runs++ >= MAX_RUNS_PER_PASS) break
    try {
      const { result } = await printOrderWorkflow(container).run({
        input: {
          order_id: c.order_id,
          trigger: c.trigger,
          fulfillment_id: c.source || null,
          printer_ids: missing.map((p) => p.id),
          requested_by: "reconcile",
        },
      })
      if (result.job_ids.length) out.printed.push(c.order_id)
    } catch (e) {
      const reason = `Could not print ${c.trigger} of order ${c.order_id}: ${(e as Error)?.message ?? e}`
      const attempts = await yly.noteRouteCheck(c, [], reason)
      if (attempts === 1) logger.error(`yilianyun: ${reason} — tried again on the next passes.`)
      if (attempts >= MAX_ATTEMPTS) {
        // logged, and shown: a failed job per printer that should have printed it
        logger.error(`yilianyun: ${reason} — given up after ${attempts} attempts; shown as a failed job.`)
        await giveUp(yly, c, missing, reason).catch((e2) =>
          logger.error(`yilianyun: could not record the failure of ${c.order_id}: ${(e2 as Error)?.message ?? e2}`)
        )
        out.failed.push(c.order_id)
      }
    }
  }
  return out
}

/** A candidate that kept failing: a failed job per printer that should have printed it, shown with the reason. */
async function giveUp(yly: YilianyunModuleService, c: Candidate, missing: PrinterRow[], reason: string): Promise<void> {
  await yly.ledger.createJobs(c.order_id, null, () =>
    missing.map((p) => ({
      order_id: c.order_id,
      printer_id: p.id,
      trigger: c.trigger,
      template: p.templates?.[c.trigger]?.[0] ?? "receipt",
      source: c.source,
      requested_by: "reconcile",
      parts: [],
      error: reason,
    }))
  )
  await yly.noteRouteCheck(c, missing.map((p) => p.id))
}

/**
 * The order events of one trigger in [since, until): order.placed and order.canceled from the
 * orders (drafts excluded), payment.captured from captured payments, the fulfillment triggers from
 * the fulfillments (their own id is the job's source).
 */
async function eventsOf(container: MedusaContainer, trigger: PrintTrigger, since: Date, until: Date): Promise<Candidate[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const page = async (entity: string, fields: string[], filters: Record<string, unknown>, order: string) => {
    const rows: any[] = []
    for (let p = 0; p < MAX_PAGES; p++) {
      const { data } = await query.graph({
        entity,
        fields,
        filters,
        pagination: { take: PAGE, skip: p * PAGE, order: { [order]: "ASC" } },
      })
      rows.push(...data)
      if (data.length < PAGE) break
    }
    return rows
  }
  const window = { $gte: since, $lt: until }
  switch (trigger) {
    case "order.placed": {
      const orders = await page("order", ["id", "created_at", "status"], { created_at: window, is_draft_order: false }, "created_at")
      // a canceled order is not printed any more (its cancellation is, where a printer has it)
      return orders
        .filter((o) => o.status !== "canceled" && o.status !== "draft")
        .map((o) => ({ order_id: o.id, trigger, source: "", at: new Date(o.created_at) }))
    }
    case "order.canceled": {
      const orders = await page("order", ["id", "canceled_at"], { canceled_at: window, is_draft_order: false }, "canceled_at")
      return orders.map((o) => ({ order_id: o.id, trigger, source: "", at: new Date(o.canceled_at) }))
    }
    case "payment.captured": {
      const payments = await page("payment", ["id", "captured_at", "payment_collection.order.id"], { captured_at: window }, "captured_at")
      const seen = new Set<string>()
      const out: Candidate[] = []
      for (const p of payments) {
        const orderId = p.payment_collection?.order?.id
        if (!orderId || seen.has(orderId)) continue
        seen.add(orderId)
        out.push({ order_id: orderId, trigger, source: "", at: new Date(p.captured_at) })
      }
      return out
    }
    default: {
      const at = trigger === "order.fulfillment_created" ? "created_at" : trigger === "shipment.created" ? "shipped_at" : "delivered_at"
      const fulfillments = await page("fulfillment", ["id", at, "canceled_at", "order.id"], { [at]: window }, at)
      return fulfillments
        .filter((f) => f.order?.id && !f.canceled_at)
        .map((f) => ({ order_id: f.order.id, trigger, source: f.id, at: new Date(f[at]) }))
    }
  }
}

/** Canceled orders (in the window) that still have open jobs: their prints are withdrawn now. */
async function withdrawCanceled(container: MedusaContainer, yly: YilianyunModuleService, now: Date): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const open = await yly.listPrintJobs(
    { status: OPEN_JOB_STATUSES, created_at: { $gte: new Date(now.getTime() - LOOKBACK_MS) } },
    { select: ["order_id"], take: 1000 }
  )
  const orderIds = [...new Set(open.map((j) => j.order_id))]
  if (!orderIds.length) return []
  const { data } = await query.graph({ entity: "order", fields: ["id", "status"], filters: { id: orderIds, status: "canceled" } })
  const withdrawn: string[] = []
  for (const order of data) {
    try {
      await cancelOrderPrintsWorkflow(container).run({ input: { order_id: order.id } })
      withdrawn.push(order.id)
    } catch (e) {
      container.resolve(ContainerRegistrationKeys.LOGGER).error(`yilianyun: withdrawing the prints of canceled order ${order.id} failed: ${(e as Error).message}`)
    }
  }
  return withdrawn
}
