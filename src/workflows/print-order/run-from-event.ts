import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { Limiter } from "../utils/limiter"
import { printOrderWorkflow, type PrintOrderInput } from "."

/**
 * Print workflows run from events at once in one process. Eight keep two cores and the database
 * pool busy (each waits on the database for most of its time) while the rest wait their turn.
 */
const PRINT_CONCURRENCY = 8
const limiter = new Limiter(PRINT_CONCURRENCY)

/**
 * What every print subscriber does: nothing until the plugin is configured, otherwise run the
 * print workflow (PRINT_CONCURRENCY at a time per process, first come first served). A failure is
 * logged, not thrown: the job rows (or their absence) are what the reconciler uses to catch up, so
 * an exception here would only add noise to the event bus.
 */
export async function runPrint(container: MedusaContainer, input: PrintOrderInput): Promise<void> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  if (!yly.isConfigured()) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    await limiter.run(() => printOrderWorkflow(container).run({ input: { requested_by: "event", ...input } }))
  } catch (e) {
    const which = input.order_id ?? input.fulfillment_id ?? input.payment_id
    logger.error(`yilianyun: printing ${which} on ${input.trigger} failed: ${(e as Error)?.message ?? e}`)
  }
}
