import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runPrint } from "../workflows/print-order/run-from-event"

export default async function yilianyunFulfillmentCreated({
  event: { data },
  container,
}: SubscriberArgs<{ order_id: string; fulfillment_id: string }>) {
  await runPrint(container, {
    order_id: data.order_id,
    fulfillment_id: data.fulfillment_id,
    trigger: "order.fulfillment_created",
  })
}

export const config: SubscriberConfig = {
  event: "order.fulfillment_created",
  context: { subscriberId: "yilianyun-fulfillment-created" },
}
