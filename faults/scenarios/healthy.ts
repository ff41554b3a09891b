import type { Scenario } from "../lib/scenario"

/** The baseline: a burst of orders, every process healthy. */
export const healthy: Scenario = {
  name: "healthy",
  title: "burst, all processes healthy",
  run: async (ctx, s) => {
    await s.burst(ctx.scale.burstOrders)
  },
}
