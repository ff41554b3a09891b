// Throughput: N orders (default 1,000) placed through Medusa's cart completion, then order.placed
// emitted for all of them at once; prints per second until the last one reached the (simulated)
// cloud, next to Medusa's own pace (cart completions per second on the same machine), with the
// process's peak RSS and the database's peak connections during the burst.
//
//   npx ts-node --transpile-only bench/burst.ts [--orders 1000] [--concurrency 4]
//
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL. Loopback only; bounded.
import { startSimulator } from "../src/simulator"
import { benchDatabase, medusaExec } from "./lib/medusa-process"
import { loadNow, loadText, writeBenchJson } from "./lib/output"
import { startRecordingProxy } from "./lib/recording-proxy"
import { mb, ms } from "./lib/stats"

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const ORDERS = arg("orders", 1000)
const CONCURRENCY = arg("concurrency", 4)
const MC = "4004009999"

async function main() {
  const deadline = setTimeout(() => {
    console.error("bench/burst: gave up after 40 minutes")
    process.exit(2)
  }, 40 * 60_000)
  const startLoad = loadNow()
  const db = await benchDatabase("yly_bench_burst")
  const sim = await startSimulator({ finishDelayMs: 20 })
  const proxy = await startRecordingProxy(sim.url)
  try {
    await sim.control.addDevice({ machineCode: MC, model: "K4", paperWidth: 58 })
    let completed: any = null
    let burst: any = null
    await medusaExec(
      "./bench/burst-run.ts",
      {
        DATABASE_URL: db.url,
        YILIANYUN_CLIENT_ID: sim.clientId,
        YILIANYUN_CLIENT_SECRET: sim.clientSecret,
        YILIANYUN_API_URL: proxy.url,
        BENCH_ORDERS: String(ORDERS),
        BENCH_CONCURRENCY: String(CONCURRENCY),
        BENCH_MACHINE_CODE: MC,
      },
      (m) => {
        if (m.type === "completed") completed = m
        else if (m.type === "burst") burst = m
      }
    )
    const arrivals = (burst.origins as string[]).map((o) => proxy.arrivals.get(o)).filter((t): t is number => !!t)
    const last = Math.max(...arrivals)
    const first = Math.min(...arrivals)
    const prints = await sim.control.prints({ machineCode: MC })
    const unique = new Set(prints.map((p) => p.originId)).size
    const placedPerSec = (completed.orders / completed.ms) * 1000
    const printedPerSec = (arrivals.length / (last - burst.emitted_at)) * 1000
    console.log(`\nbench/burst — ${ORDERS} orders, order.placed emitted for all at once, 1 printer (K4 58 mm)`)
    console.log(`  Medusa: ${completed.orders} carts completed ${CONCURRENCY} at a time in ${ms(completed.ms)} → ${placedPerSec.toFixed(1)} orders/s`)
    console.log(`  plugin: ${arrivals.length} prints at the cloud ${ms(last - burst.emitted_at)} after the emit (first ${ms(first - burst.emitted_at)}) → ${printedPerSec.toFixed(1)} prints/s; all jobs settled after ${ms(burst.settled_ms)}`)
    console.log(`  printed ${prints.length} / ${ORDERS}; duplicates ${prints.length - unique}; jobs ${JSON.stringify(burst.statuses)}`)
    console.log(`  RSS ${mb(burst.rss_before)} before the burst, peak ${mb(burst.rss_peak)}; database connections ${burst.conn_before} before, peak ${burst.conn_peak}`)
    console.log(`  ${loadText()} at the end (${loadText(startLoad)} at the start)`)
    const keepsUp = printedPerSec >= placedPerSec
    writeBenchJson("burst", {
      startLoad,
      figures: {
        orders: ORDERS, concurrency: CONCURRENCY, printedPerSec, firstMs: first - burst.emitted_at, lastMs: last - burst.emitted_at,
        settledMs: burst.settled_ms, printed: prints.length, duplicates: prints.length - unique, jobs: burst.statuses,
        rssBefore: burst.rss_before, rssPeak: burst.rss_peak, connBefore: burst.conn_before, connPeak: burst.conn_peak,
      },
      baseline: { name: "Medusa's own cart completions per second, same process and machine", placedPerSec, completedMs: completed.ms },
      readme: [
        {
          bench: `\`bench/burst.ts\` — ${ORDERS} orders placed ${CONCURRENCY} at a time, then their \`order.placed\` emitted at once, 1 K4 printer`,
          figure: `**${printedPerSec.toFixed(1)} prints/s**: ${arrivals.length}/${ORDERS} at the cloud ${((last - burst.emitted_at) / 1000).toFixed(1)} s after the emit (the first after ${((first - burst.emitted_at) / 1000).toFixed(1)} s), ${prints.length - unique} duplicates; RSS ${mb(burst.rss_before)} → peak ${mb(burst.rss_peak)}; database connections ${burst.conn_before} → peak ${burst.conn_peak}`,
          baseline: `Medusa's cart completion: ${placedPerSec.toFixed(1)} orders/s (${ORDERS} in ${(completed.ms / 1000).toFixed(0)} s)`,
          target: `keeps up with Medusa, bounded memory and connections: ${keepsUp ? "met" : "not met"}`,
        },
      ],
    })
  } finally {
    clearTimeout(deadline)
    await proxy.close()
    await sim.close()
    await db.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
