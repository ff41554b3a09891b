import { sleep } from "../lib/cluster"
import type { Scenario } from "../lib/scenario"
import type { PlacedOrder } from "../lib/shop"

/**
 * The front printer offline for a while: its prints queue at the cloud. Meanwhile two orders
 * are canceled through the admin API — one whose receipt already waits in the cloud's queue,
 * one right after it was placed — and neither receipt may come out when the printer is back.
 */
export const printerOffline: Scenario = {
  name: "printer-offline",
  title: "printer offline (queued at the cloud), 2 orders canceled meanwhile, back",
  run: async (ctx, s) => {
    const front = ctx.printers.find((p) => p.role === "front")!
    const n = ctx.scale.printerOfflineOrders
    const before = Math.max(1, Math.floor(n / 3))
    await s.burst(before)
    await ctx.sim.control.setPrinterState(front.machineCode, "offline")
    const offlineAt = Date.now()
    s.note(`front printer ${front.machineCode} offline`)

    const cancel = async (o: PlacedOrder, why: string) => {
      const server = ctx.cluster.servers[(o.seq + 1) % 2]
      await ctx.admin.on(server.url).request("POST", `/admin/orders/${o.id}/cancel`, {})
      s.note(`order #${o.display_id} canceled on ${server.name} (${why})`)
    }
    // the two orders to cancel have drinks only: the front printer (offline) is their only one
    const quick = await s.placeOne({ drinksOnly: true })
    if (quick) await cancel(quick, "right after it was placed")
    const queued = await s.placeOne({ drinksOnly: true })
    await s.burst(Math.max(0, n - before - 2), {
      at: [
        {
          after: 0,
          action: async () => {
            if (!queued) return
            // wait until its receipt sits in the cloud's queue (the plugin has it as sent)
            const t0 = Date.now()
            for (;;) {
              const rows = await ctx.ledger.query(
                `SELECT p.status FROM yly_print_part p JOIN yly_print_job j ON j.id = p.job_id
                  WHERE j.order_id = $1 AND j.printer_id = $2`,
                [queued.id, front.id]
              )
              if (rows.length && rows.every((r) => r.status === "sent")) break
              if (Date.now() - t0 > 60_000) {
                s.note(`order #${queued.display_id}: its receipt was not queued at the cloud within 60 s (parts: ${JSON.stringify(rows)})`)
                break
              }
              await sleep(250)
            }
            await cancel(queued, "its receipt queued at the cloud")
          },
        },
      ],
    })
    const left = ctx.scale.printerOfflineMs - (Date.now() - offlineAt)
    if (left > 0) await sleep(left)
    const queuedAtCloud = (await ctx.sim.control.printers()).find((p) => p.machineCode === front.machineCode)?.unprinted
    await ctx.sim.control.setPrinterState(front.machineCode, "online")
    s.note(`front printer online again (${queuedAtCloud} prints were waiting at the cloud)`)
  },
}
