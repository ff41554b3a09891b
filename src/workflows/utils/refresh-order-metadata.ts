import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { OrderPrintSummary, summarizeOrderPrints } from "./order-print-summary"

/**
 * Rebuilds `metadata.yilianyun` from the order's jobs under a per-order lock and writes it with
 * the order module's updateOrders (updateOrderWorkflow refuses canceled orders and records an
 * order change per write). Other metadata keys stay as they were. `patch` lets a push set the
 * accept/reject decision in the same locked write.
 */
export async function refreshOrderPrintMetadata(
  container: MedusaContainer,
  orderId: string,
  patch?: Partial<Pick<OrderPrintSummary, "decision" | "decided_at" | "decision_note" | "pickup_number">>
): Promise<OrderPrintSummary | null> {
  const locking = container.resolve(Modules.LOCKING)
  const orders = container.resolve(Modules.ORDER)
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  return locking.execute(
    `yilianyun:order-metadata:${orderId}`,
    async () => {
      const [order] = await orders.listOrders({ id: orderId }, { select: ["id", "metadata"] })
      if (!order) return null
      const jobs = await yly.listPrintJobs({ order_id: orderId }, { relations: ["parts"], order: { created_at: "ASC" } })
      const metadata = (order.metadata ?? {}) as Record<string, any>
      const previous = { ...(metadata.yilianyun ?? {}), ...(patch ?? {}) }
      const summary = summarizeOrderPrints(jobs as any, previous)
      if (!summary) return null
      await orders.updateOrders(orderId, { metadata: { ...metadata, yilianyun: summary } })
      return summary
    },
    { timeout: 15 }
  )
}
