import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runPrint } from "../workflows/print-order/run-from-event"

/** For shops that print only paid orders: a printer with templates under "payment.captured". */
export default async function yilianyunPaymentCaptured({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  await runPrint(container, { payment_id: data.id, trigger: "payment.captured" })
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "yilianyun-payment-captured" },
}
