import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"

/**
 * Resolves when every subscriber of `event` has run once more. Create it before the action that
 * emits the event. A minute, not Medusa's 15 s default: on a loaded 2-core machine an order's
 * subscribers (render, send, metadata) can take longer than that, and a timeout here says nothing
 * about the plugin.
 */
export function waitForSubscribers(container: MedusaContainer, event: string, timeout = 60_000): Promise<unknown> {
  return TestEventUtils.waitSubscribersExecution(event, container.resolve(Modules.EVENT_BUS), { timeout })
}
