import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runPrint } from "../workflows/print-order/run-from-event"

export default async function yilianyunOrderPlaced({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await runPrint(container, { order_id: data.id, trigger: "order.placed" })
}

export const config: SubscriberConfig = { event: "order.placed", context: { subscriberId: "yilianyun-order-placed" } }
