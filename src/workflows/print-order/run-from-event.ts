import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import type { PrintOrderInput } from "."
import { printOrder } from "./print-order"

/**
 * What every print subscriber does: nothing until the plugin is configured, otherwise print the
 * order — printOrderWorkflow's steps, called directly (see print-order.ts): the workflow engine
 * adds only time on the way to the printer here. A failure is logged, not thrown: the job rows (or their absence) are what the
 * reconciler uses to catch up, so an exception here would only add noise to the event bus.
 */
export async function runPrint(container: MedusaContainer, input: PrintOrderInput): Promise<void> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  if (!yly.isConfigured()) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await printOrder(container, { requested_by: "event", ...input })
  } catch (e) {
    const which = input.order_id ?? input.fulfillment_id ?? input.payment_id
    logger.error(`yilianyun: printing ${which} on ${input.trigger} failed: ${(e as Error)?.message ?? e}`)
  }
}
