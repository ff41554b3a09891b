import { Agent, request } from "undici"
import { pushDedupeKey } from "../../src/workflows/apply-push/dedupe-key"
import { pushSign } from "../../src/simulator"
import { openLoop } from "../../bench/lib/open-loop"
import { pct } from "../../bench/lib/stats"
import { sleep } from "../lib/cluster"
import type { Scenario } from "../lib/scenario"

type Push = { key: string; body: string; last: number; sends: number }

/**
 * 200 signed pushes a second, open loop, spread over both servers, for `pushSeconds`. A share of
 * them are re-deliveries (to the other server; some at the same moment to both), among them the
 * real finish pushes of this scenario's own prints. Every distinct push must be recorded once and
 * applied once; every answer must be {"data":"OK"}.
 */
export const pushFlood: Scenario = {
  name: "push-flood",
  title: `signed pushes at a steady rate over both servers, re-deliveries included`,
  run: async (ctx, s) => {
    const { scale, sim } = ctx
    const front = ctx.printers.find((p) => p.role === "front")!
    await s.burst(scale.pushOrders)
    // the orders' own finish pushes, exactly as the cloud delivered them, to deliver again
    const t0 = Date.now()
    let real: Push[] = []
    while (Date.now() - t0 < 120_000) {
      const ids = s.placed.map((o) => o.id)
      const printIds = new Set(
        (
          await ctx.ledger.query(
            `SELECT p.print_id FROM yly_print_part p JOIN yly_print_job j ON j.id = p.job_id WHERE j.order_id = ANY($1) AND p.print_id IS NOT NULL`,
            [ids]
          )
        ).map((r) => r.print_id)
      )
      const finishes = (await sim.control.pushes({ cmd: "oauth_finish" })).filter((p) => printIds.has(p.fields.order_id) && p.done)
      real = finishes.map((p) => ({
        key: pushDedupeKey(p.fields),
        body: new URLSearchParams(p.fields).toString(),
        last: 0,
        sends: 1,
      }))
      if (real.length >= printIds.size && printIds.size >= scale.pushOrders) break
      await sleep(1000)
    }
    s.note(`${s.placed.length} orders printed; ${real.length} of their finish pushes will be delivered again`)

    const servers = ctx.cluster.servers.map((p) => p.url)
    const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 10_000 })
    const synthetic: Push[] = []
    const redeliver: Push[] = real.flatMap((p) => [p, p])
    let acked = 0
    let refused = 0
    const latencies: number[] = []
    const send = async (p: Push, server: number) => {
      p.last = server
      p.sends++
      const t = performance.now()
      try {
        const r = await request(`${servers[server]}/hooks/yilianyun`, {
          method: "POST",
          dispatcher,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: p.body,
        })
        const text = await r.body.text()
        if (r.statusCode === 200 && text === '{"data":"OK"}') acked++
        else refused++
      } catch {
        refused++
      }
      latencies.push(performance.now() - t)
    }
    const run = Date.now()
    const newPush = (i: number): Push => {
      const t = Math.floor(Date.now() / 1000)
      const orderId = String(BigInt(run) * 100000n + BigInt(i))
      const fields = {
        cmd: "oauth_finish",
        machine_code: front.machineCode,
        order_id: orderId,
        origin_id: `flood${i}`,
        state: "1",
        print_time: String(t),
        push_time: String(t),
        sign: pushSign(sim.clientId, t, sim.clientSecret),
      }
      return { key: pushDedupeKey(fields), body: new URLSearchParams(fields).toString(), last: 0, sends: 0 }
    }
    s.note(`flood: ${scale.pushRate}/s for ${scale.pushSeconds} s`)
    let firstIssue = 0
    let lastIssue = 0
    const flood = await openLoop(scale.pushRate, scale.pushSeconds, async (i) => {
      lastIssue = performance.now()
      firstIssue ||= lastIssue
      if (ctx.rand() < scale.pushRedeliveryShare && (redeliver.length || synthetic.length)) {
        const p = redeliver.pop() ?? synthetic[Math.floor(ctx.rand() * synthetic.length)]
        await send(p, 1 - p.last)
      } else {
        const p = newPush(i)
        synthetic.push(p)
        // now and then the same push reaches both servers at the same moment
        if (ctx.rand() < 0.1) await Promise.all([send(p, i % 2), send(p, 1 - (i % 2))])
        else await send(p, i % 2)
      }
      return true
    })
    await dispatcher.close()
    const sends = acked + refused
    s.note(
      `flood sent ${sends} pushes (${synthetic.length} distinct new ones, ${sends - synthetic.length} re-deliveries), ` +
        `issued at ${((flood.total - 1) / ((lastIssue - firstIssue) / 1000)).toFixed(0)}/s, all answered at ${flood.rate.toFixed(0)}/s overall: ` +
        `${acked} answered {"data":"OK"}, ${refused} not; ack p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, ` +
        `${latencies.filter((l) => l > 3000).length} over the cloud's 3 s`
    )
    // applied in the background after the acknowledgement: give the appliers time to drain
    const keys = synthetic.map((p) => p.key)
    let result = await ctx.ledger.pushesApplied(keys)
    const t1 = Date.now()
    let lastProgress = { at: Date.now(), applied: result.applied }
    while (result.applied < result.total && Date.now() - lastProgress.at < 30_000) {
      await sleep(1000)
      result = await ctx.ledger.pushesApplied(keys)
      if (result.applied > lastProgress.applied) lastProgress = { at: Date.now(), applied: result.applied }
    }
    s.note(`${result.applied} of ${result.total} distinct new pushes applied, the last ${((Date.now() - t1) / 1000).toFixed(1)} s after the flood; outcomes ${JSON.stringify(result.outcomes)}`)
    if (refused) s.note(`${refused} pushes were not acknowledged with {"data":"OK"}`)
    return { pushes: { ...result, refused } as any }
  },
}
