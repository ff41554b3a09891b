import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { OrderPrintSummary, summarizeOrderPrints } from "./order-print-summary"

/** Per order: the last run asked for, and the one not started yet (which later requests share). */
const inflight = new Map<string, { tail: Promise<unknown>; waiting: Promise<OrderPrintSummary | null> | null }>()

/**
 * Rebuilds `metadata.yilianyun` from the module's data (jobs, decisions, pickup number) under a
 * per-order lock that holds across processes, and writes only that key, in one atomic statement
 * (see writeOrderMetadataKey: Medusa's updateOrders merges keys from an earlier read, so a key
 * another writer changed meanwhile could come back; updateOrderWorkflow would also refuse
 * canceled orders and record an order change per write). Nothing is read from the order's
 * metadata: a rebuild cannot revert anyone's change.
 * Within a process, rebuilds of one order run one after another, and requests made while one is
 * waiting to start share it.
 */
export function refreshOrderPrintMetadata(container: MedusaContainer, orderId: string): Promise<OrderPrintSummary | null> {
  const entry = inflight.get(orderId) ?? { tail: Promise.resolve(), waiting: null }
  if (entry.waiting) return entry.waiting
  const run = entry.tail
    .catch(() => undefined)
    .then(() => {
      entry.waiting = null // started: a later request needs a run of its own
      return rebuild(container, orderId)
    })
  entry.waiting = run
  entry.tail = run
  inflight.set(orderId, entry)
  run
    .finally(() => {
      if (entry.tail === run) inflight.delete(orderId)
    })
    .catch(() => undefined)
  return run
}

async function rebuild(container: MedusaContainer, orderId: string): Promise<OrderPrintSummary | null> {
  const orders = container.resolve(Modules.ORDER)
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  return yly.orderLocks.run(orderId, async () => {
    const state = await yly.orderPrintState(orderId)
    const summary = summarizeOrderPrints(state.jobs, state)
    if (!summary) return null
    const written = await yly.writeOrderMetadataKey(orderId, "yilianyun", summary)
    if (written === null) {
      // the order module keeps its own database: Medusa's update, which merges top-level keys
      const [order] = await orders.listOrders({ id: orderId }, { select: ["id"] })
      if (!order) return null
      await orders.updateOrders(orderId, { metadata: { yilianyun: summary } })
    }
    return written === false ? null : summary
  })
}
