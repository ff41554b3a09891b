import { startEmitter } from "../lib/emitter"
import type { Scenario } from "../lib/scenario"

/**
 * Every order.placed delivered twice: as each order is placed, a fourth Medusa process emits
 * order.placed for it again through Medusa's Redis event bus, racing the original delivery.
 */
export const doubleDelivery: Scenario = {
  name: "double-delivery",
  title: "every order.placed delivered twice (Redis event bus)",
  run: async (ctx, s) => {
    const emitter = await startEmitter(ctx.medusaEnv, ctx.logDir)
    s.begin()
    s.note("emitter process ready")
    let emitted = 0
    try {
      await s.burst(ctx.scale.burstOrders, {
        each: async (o) => {
          await emitter.emit(o.id)
          emitted++
        },
      })
    } finally {
      await emitter.stop()
    }
    s.note(`order.placed emitted a second time for ${emitted} orders`)
  },
}
