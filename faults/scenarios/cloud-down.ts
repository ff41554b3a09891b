import { sleep } from "../lib/cluster"
import type { Scenario } from "../lib/scenario"

/**
 * The cloud down mid-burst: every API call answered 502 by the (simulated) gateway for
 * `cloudDownMs`, then back. Printers stay online: what reached the cloud before still prints.
 */
export const cloudDown: Scenario = {
  name: "cloud-down",
  title: "cloud down (HTTP 502) mid-burst, then back",
  run: async (ctx, s) => {
    const n = ctx.scale.burstOrders
    await s.burst(n, {
      at: [
        {
          after: Math.max(1, Math.floor(n / 4)),
          action: async () => {
            await ctx.sim.control.setFaults({ http5xxNext: 1_000_000_000, http5xxStatus: 502 })
            s.note(`cloud down (every call → 502) for ${ctx.scale.cloudDownMs / 1000} s`)
            await sleep(ctx.scale.cloudDownMs)
            await ctx.sim.control.clearFaults()
            s.note("cloud back")
          },
        },
      ],
    })
  },
}
