// Runs INSIDE a Medusa process (`medusa exec bench/pipeline-run.ts`), started by bench/pipeline.ts.
// Binds one printer on the simulator, prepares N carts, completes them at a fixed concurrency, and
// reports, as JSON lines, when each order.placed reached subscribers and which origin_id printed it.
// With BENCH_BURST=N it then runs a long burst: N more orders, created 50 at a time with the order
// module (cart completion would take hours) and announced with order.placed through the event bus, so
// the plugin's subscriber and print workflow run for each and send it; RSS and heap are sampled (after
// two GCs: the process runs with --expose-gc) when BENCH_SAMPLES' counts of orders have printed.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import diagnostics from "node:diagnostics_channel"
import * as fs from "node:fs"
import { performance } from "node:perf_hooks"
import { expectedMsign } from "../src/simulator"
import { PRINT_TRACE_CHANNEL } from "../src/workflows/utils/print-trace"
import { authorizePrinter } from "../src/workflows/authorize-printer"
import { benchRegionAndChannel, pool, prepareCarts } from "./lib/store-setup"

const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`)

export default async function pipelineRun({ container }: ExecArgs) {
  const orders = Number(process.env.BENCH_ORDERS ?? 200)
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8)
  const machineCode = process.env.BENCH_MACHINE_CODE ?? "4004009999"
  global.gc?.()
  say({ type: "rss", phase: "booted", rss: process.memoryUsage().rss })

  const store = await benchRegionAndChannel(container)
  await authorizePrinter(container, { machine_code: machineCode, msign: expectedMsign(machineCode), name: "bench", model: "K4", paper_width: 58 })
  const carts = await prepareCarts(container, store, orders)
  say({ type: "prepared", carts: carts.length })

  // The moment order.placed reaches subscribers (the plugin's own subscriber gets it alongside).
  const bus = container.resolve(Modules.EVENT_BUS)
  bus.subscribe("order.placed", async ({ data }: any) => {
    say({ type: "placed", order_id: data.id, at: Date.now(), perf: performance.now() })
  }, { subscriberId: "bench-order-placed-clock" })
  // where each print spends its time: the plugin's stages on its diagnostics channel (same clock)
  const onTrace = (m: any) => say({ type: "trace", order_id: m.order_id, stage: m.stage, perf: m.at })
  diagnostics.subscribe(PRINT_TRACE_CHANNEL, onTrace)

  const started = Date.now()
  await pool(carts, concurrency, async (id) => {
    await completeCartWorkflow(container).run({ input: { id } })
  })
  say({ type: "completed", ms: Date.now() - started })

  // Wait for the print jobs to be sent, then map origin_id → order for the orchestrator.
  const yly = container.resolve<any>("yilianyun")
  const deadline = Date.now() + 120_000
  let jobs: any[] = []
  while (Date.now() < deadline) {
    jobs = await yly.listPrintJobs({}, { relations: ["parts"], take: orders * 2 })
    if (jobs.length >= orders && jobs.every((j) => j.status !== "pending")) break
    await new Promise((r) => setTimeout(r, 200))
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: placed } = await query.graph({ entity: "order", fields: ["id"] })
  say({
    type: "jobs",
    orders: placed.length,
    jobs: jobs.length,
    statuses: jobs.reduce((acc: Record<string, number>, j) => ((acc[j.status] = (acc[j.status] ?? 0) + 1), acc), {}),
    origins: jobs.flatMap((j) => j.parts.map((p: any) => [p.origin_id, j.order_id])),
  })
  diagnostics.unsubscribe(PRINT_TRACE_CHANNEL, onTrace)
  global.gc?.()
  say({ type: "rss", phase: "after-run", rss: process.memoryUsage().rss })

  const burst = Number(process.env.BENCH_BURST ?? 0)
  if (burst > 0) await longBurst(container, burst, (process.env.BENCH_SAMPLES ?? "1000,5000,10000").split(",").map(Number))
}

const BURST_BATCH = 50
const IN_FLIGHT = ["pending", "sending"]

/**
 * RSS by kind of page (Linux, /proc/self/status): anonymous (heap, malloc, stacks) and file-backed
 * (the node binary's and libraries' code as it gets touched) — a growing RSS with a flat heap is one
 * or the other.
 */
function rssParts(): { rssAnon?: number; rssFile?: number } {
  try {
    const status = fs.readFileSync("/proc/self/status", "utf8")
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024
    return { rssAnon: kb("RssAnon"), rssFile: kb("RssFile") }
  } catch {
    return {}
  }
}

async function longBurst(container: ExecArgs["container"], total: number, at: number[]) {
  const orderModule = container.resolve(Modules.ORDER)
  const bus = container.resolve(Modules.EVENT_BUS)
  const yly = container.resolve<any>("yilianyun")
  const checkpoints = new Set([...at.filter((n) => n > 0 && n < total), total])
  const sample = (orders: number, phase: string, started: number) => {
    global.gc?.()
    global.gc?.()
    const m = process.memoryUsage()
    say({
      type: "burst", phase, orders, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external,
      ...rssParts(), ms: Date.now() - started, gc: !!global.gc,
    })
  }
  const started = Date.now()
  sample(0, "start", started)
  let done = 0
  while (done < total) {
    const n = Math.min(BURST_BATCH, total - done)
    const orders = await orderModule.createOrders(
      Array.from({ length: n }, (_, k) => ({
        email: `burst${done + k}@example.com`,
        currency_code: "cny",
        items: [
          { title: "招牌红烧牛肉面", quantity: 1, unit_price: 38 },
          { title: "冻柠檬茶", quantity: 2, unit_price: 12 },
        ],
      })) as any
    )
    const ids = orders.map((o: { id: string }) => o.id)
    await bus.emit(ids.map((id: string) => ({ name: "order.placed", data: { id } })))
    // wait for this batch's jobs to leave pending/sending before the next: a steady, bounded load
    for (const until = Date.now() + 120_000; ; ) {
      const jobs = await yly.listPrintJobs({ order_id: ids }, { select: ["id", "status"] })
      if (jobs.length >= n && !jobs.some((j: any) => IN_FLIGHT.includes(j.status))) break
      if (Date.now() > until) throw new Error(`burst: the jobs of orders ${done}–${done + n} were not sent within 2 minutes`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const before = done
    done += n
    for (const c of checkpoints) if (c > before && c <= done) sample(done, "checkpoint", started)
  }
}
