import { sleep } from "../lib/cluster"
import type { Ctx, Scenario, ScenarioRun } from "../lib/scenario"

type Fault = { name: string; on: () => Promise<void>; off?: () => Promise<void>; limit?: number }

/**
 * Orders at a steady rate for `soakMs` while a fault is switched at random every
 * `soakFaultEveryMs` (seeded: FAULTS_SEED). RSS of every process at the start and the end.
 */
export const soak: Scenario = {
  name: "soak",
  title: "soak: steady orders, faults switched at random",
  run: async (ctx, s) => {
    const rssStart = Object.fromEntries(ctx.cluster.all.map((p) => [p.name, { rss: p.rss(), starts: p.starts }]))
    let stop = false
    const switcher = (async () => {
      const faults = soakFaults(ctx, s)
      const used = new Map<string, number>()
      while (!stop) {
        const choices = faults.filter((f) => (used.get(f.name) ?? 0) < (f.limit ?? Infinity))
        const f = choices[Math.floor(ctx.rand() * choices.length)]
        used.set(f.name, (used.get(f.name) ?? 0) + 1)
        await f.on()
        const until = Date.now() + ctx.scale.soakFaultEveryMs
        while (!stop && Date.now() < until) await sleep(250)
        await f.off?.()
      }
    })()
    const { skipped } = await s.steady(ctx.scale.soakMs, ctx.scale.soakIntervalMs, ctx.scale.shoppers * 2)
    if (skipped) s.note(`${skipped} order(s) not started: ${ctx.scale.shoppers * 2} shoppers were still at checkout`)
    stop = true
    await switcher
    await ctx.sim.control.clearFaults()
    for (const p of ctx.printers) await ctx.sim.control.setPrinterState(p.machineCode, "online", { push: false })
    s.note("soak over: faults cleared, printers online")
    const rss: Record<string, { start: number | null; end: number | null; restarted: boolean }> = {}
    for (const p of ctx.cluster.all) rss[p.name] = { start: rssStart[p.name].rss, end: p.rss(), restarted: p.starts !== rssStart[p.name].starts }
    return { rss }
  },
}

function soakFaults(ctx: Ctx, s: ScenarioRun): Fault[] {
  const { sim } = ctx
  const period = ctx.scale.soakFaultEveryMs
  const printer = () => ctx.printers[Math.floor(ctx.rand() * ctx.printers.length)]
  let offline: string | null = null
  const faults: Fault[] = [
    { name: "none", on: async () => s.note("fault: none") },
    {
      name: "cloud-502",
      on: async () => {
        await sim.control.setFaults({ http5xxNext: 1_000_000_000 })
        s.note(`fault: cloud down (502) for ${period / 1000} s`)
      },
      off: async () => {
        await sim.control.clearFaults()
      },
    },
    {
      name: "timeouts",
      on: async () => {
        await sim.control.setFaults({ timeoutNext: 3 })
        s.note("fault: the next 3 cloud calls time out")
      },
      off: () => sim.control.clearFaults().then(() => undefined),
    },
    {
      name: "latency",
      on: async () => {
        await sim.control.setFaults({ latencyMs: 1500 })
        s.note(`fault: 1.5 s latency on every cloud call for ${period / 1000} s`)
      },
      off: () => sim.control.clearFaults().then(() => undefined),
    },
    {
      name: "error-45",
      on: async () => {
        await sim.control.setFaults({ errorNext: { code: 45, count: 3, paths: ["print/index"] } })
        s.note("fault: the next 3 print/index calls answer error 45 (transient)")
      },
      off: () => sim.control.clearFaults().then(() => undefined),
    },
    {
      name: "printer-offline",
      on: async () => {
        const p = printer()
        offline = p.machineCode
        await sim.control.setPrinterState(p.machineCode, "offline")
        s.note(`fault: ${p.role} printer offline for ${period / 1000} s`)
      },
      off: async () => {
        if (offline) await sim.control.setPrinterState(offline, "online")
        offline = null
      },
    },
    {
      name: "token-revoked",
      limit: 2,
      on: async () => {
        await sim.control.revokeToken()
        s.note("fault: access token revoked")
      },
    },
  ]
  if (ctx.scale.soakWorkerKill) {
    faults.push({
      name: "worker-kill",
      limit: 1,
      on: async () => {
        await ctx.cluster.worker.kill9()
        s.note("fault: worker SIGKILL (back in 10 s)")
        await sleep(ctx.scale.workerDownMs)
        ctx.cluster.worker.start()
        await ctx.cluster.worker.ready()
        s.note("worker back")
      },
    })
  }
  return faults
}
