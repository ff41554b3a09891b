import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runPrint } from "../workflows/print-order/run-from-event"

/** The payload's id is the fulfillment's; the order is found through the order–fulfillment link. */
export default async function yilianyunDeliveryCreated({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await runPrint(container, { fulfillment_id: data.id, trigger: "delivery.created" })
}

export const config: SubscriberConfig = {
  event: "delivery.created",
  context: { subscriberId: "yilianyun-delivery-created" },
}
