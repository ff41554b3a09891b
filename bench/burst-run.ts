// Runs INSIDE a Medusa process (`medusa exec bench/burst-run.ts`), started by bench/burst.ts.
// Places N orders through Medusa's own cart completion (no printer bound yet: Medusa's pace),
// binds one printer, then emits order.placed for all N at once and waits until every job has been
// sent, sampling the process's RSS and the database's connections meanwhile. JSON lines on stdout.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { expectedMsign } from "../src/simulator"
import { authorizePrinter } from "../src/workflows/authorize-printer"
import { benchRegionAndChannel, pool, prepareCarts } from "./lib/store-setup"

const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`)

export default async function burstRun({ container }: ExecArgs) {
  const orders = Number(process.env.BENCH_ORDERS ?? 1000)
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4)
  const machineCode = process.env.BENCH_MACHINE_CODE ?? "4004009999"
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const connections = async () =>
    Number((await pg.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`)).rows[0].n)

  const carts = await prepareCarts(container, await benchRegionAndChannel(container), orders, { concurrency: 4, emailPrefix: "burst" })
  say({ type: "prepared", carts: carts.length })

  // Medusa's own pace: cart completions per second (the plugin's subscriber runs, no printer bound)
  const orderIds: string[] = []
  const started = Date.now()
  await pool(carts, concurrency, async (id) => {
    const { result } = await completeCartWorkflow(container).run({ input: { id } })
    orderIds.push((result as any).id)
  })
  const completedMs = Date.now() - started
  say({ type: "completed", ms: completedMs, orders: orderIds.length })
  await new Promise((r) => setTimeout(r, 2000)) // let the last subscribers finish

  await authorizePrinter(container, { machine_code: machineCode, msign: expectedMsign(machineCode), name: "bench", model: "K4", paper_width: 58 })
  const yly = container.resolve<any>("yilianyun")
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  const connBefore = await connections()

  let peakRss = rssBefore
  let peakConn = connBefore
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
      peakConn = Math.max(peakConn, await connections().catch(() => 0))
      await new Promise((r) => setTimeout(r, 100))
    }
  })()

  const bus = container.resolve(Modules.EVENT_BUS)
  const emittedAt = Date.now()
  await bus.emit(orderIds.map((id) => ({ name: "order.placed", data: { id } })))
  const deadline = Date.now() + 10 * 60_000
  let sent = 0
  while (Date.now() < deadline) {
    sent = (await yly.listAndCountPrintJobs({ status: ["sent", "printed"] }, { select: ["id"], take: 1 }))[1]
    if (sent >= orderIds.length) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const settledMs = Date.now() - emittedAt
  sampling = false
  await sampler
  const jobs = await yly.listPrintJobs({}, { relations: ["parts"], take: orders * 2 })
  say({
    type: "burst",
    emitted_at: emittedAt,
    settled_ms: settledMs,
    sent,
    jobs: jobs.length,
    statuses: jobs.reduce((acc: Record<string, number>, j: any) => ((acc[j.status] = (acc[j.status] ?? 0) + 1), acc), {}),
    rss_before: rssBefore,
    rss_peak: peakRss,
    conn_before: connBefore,
    conn_peak: peakConn,
    origins: jobs.flatMap((j: any) => j.parts.map((p: any) => p.origin_id)),
  })
}
