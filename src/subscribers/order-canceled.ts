import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../modules/yilianyun"
import type YilianyunModuleService from "../modules/yilianyun/service"
import { cancelOrderPrintsWorkflow } from "../workflows/cancel-order-prints"
import { runPrint } from "../workflows/print-order/run-from-event"

/** Withdraws what has not printed yet, then prints a cancellation notice where a printer has one. */
export default async function yilianyunOrderCanceled({ event: { data }, container }: SubscriberArgs<{ id: string }>) {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  try {
    await cancelOrderPrintsWorkflow(container).run({ input: { order_id: data.id } })
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(`yilianyun: withdrawing the prints of canceled order ${data.id} failed: ${(e as Error).message}`)
  }
  if (yly.isConfigured()) await runPrint(container, { order_id: data.id, trigger: "order.canceled" })
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "yilianyun-order-canceled" },
}
