import { sleep } from "../lib/cluster"
import type { Scenario } from "../lib/scenario"

/** SIGKILL to the worker a third into the burst (events in flight, sends half done), back 10 s later. */
export const workerKill: Scenario = {
  name: "worker-kill",
  title: "worker SIGKILL mid-burst, restarted after 10 s",
  run: async (ctx, s) => {
    const n = ctx.scale.burstOrders
    await s.burst(n, {
      at: [
        {
          after: Math.max(1, Math.floor(n / 3)),
          action: async () => {
            await ctx.cluster.worker.kill9()
            s.note("worker SIGKILL")
            await sleep(ctx.scale.workerDownMs)
            ctx.cluster.worker.start()
            s.note("worker restarted")
            const ms = await ctx.cluster.worker.ready()
            s.note(`worker answers /health (${(ms / 1000).toFixed(0)} s to boot)`)
          },
        },
      ],
    })
  },
}
