import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { printOrderWorkflow } from "../../print-order"

/** How far back the reconciler looks for orders whose order.placed was missed. */
const LOOKBACK_MS = 24 * 60 * 60 * 1000
/** Orders younger than this are left to their own event, which is probably still running. */
const GRACE_MS = 60 * 1000
const MAX_ORDERS_PER_RUN = 200

/**
 * Orders placed after a printer was bound that have no order.placed job at all (the event was
 * lost) are printed now. Never a backlog from before the printer existed.
 */
export const printMissedOrdersStep = createStep(
  "yly-print-missed-orders",
  async (input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const printers = (await yly.listPrinters({ enabled: true })).filter(
      (p: any) => (p.templates?.["order.placed"] ?? []).length > 0
    )
    if (!printers.length) return new StepResponse([] as string[])
    const now = new Date(input.now).getTime()
    const earliestBound = Math.min(...printers.map((p: any) => new Date(p.bound_at).getTime()))
    const since = new Date(Math.max(earliestBound, now - LOOKBACK_MS))
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "created_at", "status"],
      filters: { created_at: { $gte: since, $lte: new Date(now - GRACE_MS) } } as any,
      pagination: { take: MAX_ORDERS_PER_RUN, order: { created_at: "DESC" } } as any,
    })
    const candidates = orders.filter((o: any) => o.status !== "canceled")
    if (!candidates.length) return new StepResponse([] as string[])
    const jobs = await yly.listPrintJobs(
      { order_id: candidates.map((o: any) => o.id), trigger: "order.placed" } as any,
      { select: ["id", "order_id"] }
    )
    const withJobs = new Set(jobs.map((j: any) => j.order_id))
    const printed: string[] = []
    for (const order of candidates) {
      if (withJobs.has(order.id)) continue
      const created = new Date(order.created_at).getTime()
      const eligible = printers.filter((p: any) => new Date(p.bound_at).getTime() <= created).map((p: any) => p.id)
      if (!eligible.length) continue
      const { result } = await printOrderWorkflow(container).run({
        input: { order_id: order.id, trigger: "order.placed", printer_ids: eligible, requested_by: "reconcile" },
      })
      if (result.job_ids.length) printed.push(order.id)
    }
    return new StepResponse(printed)
  }
)
