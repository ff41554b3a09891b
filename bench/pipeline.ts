// End-to-end printing pipeline: N orders completed in a real Medusa process at a fixed concurrency.
//
//   npm run bench:pipeline -- [--orders 200] [--concurrency 2]
//   npm run bench:pipeline -- --burst 10000 [--samples 1000,5000,10000]     (then a long burst)
//
// Measures, per order, the time from order.placed reaching subscribers to the print/index request
// arriving at the (simulated) cloud; p50/p99, drain time, duplicates and token fetches. Baseline in
// the same run: the bare print/index round trip of our client to the same simulator. RSS of the
// Medusa process after boot and after the run (what the plugin adds to an idle store is
// bench/footprint.ts's figure, measured on the installed package).
// --burst N: then N more orders (order module + order.placed on the event bus, 50 at a time, each a
// real print), with RSS, heap and the workflow_execution rows sampled at --samples counts (after
// forced GCs) to show whether memory grows once warm. Writes .output/bench/pipeline.json.
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL. Loopback only; bounded.
import { performance } from "node:perf_hooks"
import { startSimulator } from "../src/simulator"
import { YilianyunClient } from "../src/yilianyun"
import { benchDatabase, medusaExec } from "./lib/medusa-process"
import { loadNow, loadText, writeBenchJson } from "./lib/output"
import { startRecordingProxy } from "./lib/recording-proxy"
import { mb, ms, pct } from "./lib/stats"

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const ORDERS = arg("orders", 200)
const CONCURRENCY = arg("concurrency", 2)
const BURST = arg("burst", 0)
const SAMPLES = (() => {
  const i = process.argv.indexOf("--samples")
  return i > 0 ? process.argv[i + 1] : "1000,5000,10000"
})()
const MC = "4004009999"

async function baselineRoundTrip(apiUrl: string, clientId: string, secret: string): Promise<number[]> {
  const client = new YilianyunClient({ clientId, clientSecret: secret, apiUrl })
  const { accessToken } = await client.oauth.getToken()
  const api = client.withToken(accessToken)
  const times: number[] = []
  for (let i = 0; i < 200; i++) {
    const t = performance.now()
    await api.print.text({ machineCode: MC, content: `baseline ${i}`, originId: `base${i}` })
    times.push(performance.now() - t)
  }
  await client.close()
  return times
}

async function main() {
  const deadline = setTimeout(() => {
    console.error("bench/pipeline: gave up after 15 minutes")
    process.exit(2)
  }, (15 + BURST / 100) * 60_000)
  const startLoad = loadNow()
  const db = await benchDatabase("yly_bench_pipeline")
  const sim = await startSimulator({ finishDelayMs: 20 })
  const proxy = await startRecordingProxy(sim.url)
  try {
    await sim.control.addDevice({ machineCode: MC, model: "K4", paperWidth: 58, bound: true })
    const baseline = await baselineRoundTrip(proxy.url, sim.clientId, sim.clientSecret)
    await sim.control.reset()
    proxy.arrivals.clear()
    await sim.control.addDevice({ machineCode: MC, model: "K4", paperWidth: 58 })

    const placedAt = new Map<string, number>()
    const placedPerf = new Map<string, number>()
    const traces = new Map<string, Record<string, number>>()
    let origins: [string, string][] = []
    let jobsInfo: any = null
    const rss: Record<string, number> = {}
    let completedMs = 0
    const burst: any[] = []
    const { default: pg } = await import("pg")
    const dbc = new pg.Client({ connectionString: db.url })
    await dbc.connect()
    await medusaExec(
      "./bench/pipeline-run.ts",
      {
        DATABASE_URL: db.url,
        YILIANYUN_CLIENT_ID: sim.clientId,
        YILIANYUN_CLIENT_SECRET: sim.clientSecret,
        YILIANYUN_API_URL: proxy.url,
        BENCH_ORDERS: String(ORDERS),
        BENCH_CONCURRENCY: String(CONCURRENCY),
        BENCH_MACHINE_CODE: MC,
        BENCH_BURST: String(BURST),
        BENCH_SAMPLES: SAMPLES,
      },
      (m) => {
        if (m.type === "placed") placedAt.set(m.order_id, m.at), placedPerf.set(m.order_id, m.perf)
        else if (m.type === "trace") {
          const stages = traces.get(m.order_id) ?? {}
          stages[m.stage] ??= m.perf // a print's first request (its first part)
          traces.set(m.order_id, stages)
        }
        else if (m.type === "jobs") (jobsInfo = m), (origins = m.origins)
        else if (m.type === "rss") rss[m.phase] = m.rss
        else if (m.type === "completed") completedMs = m.ms
        else if (m.type === "burst") {
          burst.push(m)
          // rows Medusa keeps per workflow execution (it saves nested workflows even without retention)
          m.workflowRows = dbc.query("SELECT count(*)::int AS n FROM workflow_execution").then((r) => r.rows[0].n, () => null)
          console.log(`  burst: ${String(m.orders).padStart(6)} orders printed   RSS ${mb(m.rss)}   heap ${mb(m.heapUsed)}   (${(m.ms / 1000).toFixed(0)} s)`)
        }
      }
    )
    for (const m of burst) m.workflowRows = await m.workflowRows
    await dbc.end()

    const latencies: number[] = []
    let lastArrival = 0
    for (const [origin, orderId] of origins) {
      const arrived = proxy.arrivals.get(origin)
      const placed = placedAt.get(orderId)
      if (arrived && placed) latencies.push(arrived - placed), (lastArrival = Math.max(lastArrival, arrived))
    }
    const firstPlaced = Math.min(...placedAt.values())
    const prints = await sim.control.prints({ machineCode: MC })
    const uniqueOrigins = new Set(prints.map((p) => p.originId)).size
    const tokens = await sim.control.tokens()

    console.log(`\nbench/pipeline — ${ORDERS} orders, ${CONCURRENCY} carts completed at a time, 1 printer (K4 58 mm)`)
    console.log(`  baseline: bare print/index round trip   p50 ${ms(pct(baseline, 50))}   p99 ${ms(pct(baseline, 99))}`)
    console.log(`  order.placed → print at the cloud       p50 ${ms(pct(latencies, 50))}   p99 ${ms(pct(latencies, 99))}   (${latencies.length} measured)`)
    console.log(`  drain (first order.placed → last print) ${ms(lastArrival - firstPlaced)}   (carts completed in ${ms(completedMs)})`)
    console.log(`  printed ${prints.length} / ${ORDERS + BURST}; duplicates ${prints.length - uniqueOrigins}; jobs ${JSON.stringify(jobsInfo?.statuses)}`)
    console.log(`  token fetches ${tokens.fetchesInWindow}`)
    console.log(`  RSS after boot ${mb(rss.booted ?? 0)}, after the run ${mb(rss["after-run"] ?? 0)} (after a GC)`)
    const printedAll = prints.length
    if (burst.length) {
      const last = burst[burst.length - 1]
      // "once warm": from the 1,000th order on (the first checkpoint of a shorter burst)
      const warm = burst.find((m) => m.orders >= 1000 && m !== last) ?? burst.find((m) => m.orders > 0) ?? burst[0]
      console.log(`  long burst: ${last.orders} orders in ${(last.ms / 1000).toFixed(0)} s (${((last.orders / last.ms) * 1000).toFixed(1)} orders/s), GC forced: ${last.gc}`)
      for (const m of burst) {
        console.log(
          `    ${String(m.orders).padStart(6)} orders   RSS ${mb(m.rss)} (anonymous ${mb(m.rssAnon ?? NaN)}, file-backed ${mb(m.rssFile ?? NaN)})   ` +
            `heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)} committed   external ${mb(m.external)}   workflow_execution rows ${m.workflowRows}`
        )
      }
      console.log(
        `  growth from ${warm.orders} to ${last.orders} orders: RSS ${mb(last.rss - warm.rss)} (anonymous ${mb(last.rssAnon - warm.rssAnon)}, ` +
          `file-backed ${mb(last.rssFile - warm.rssFile)}), heap ${mb(last.heapUsed - warm.heapUsed)} used, ${mb(last.heapTotal - warm.heapTotal)} committed; ` +
          `outside the heap ${mb(last.rss - last.heapTotal - (warm.rss - warm.heapTotal))}`
      )
    }
    // the profile: each stage's share, from order.placed reaching subscribers (the process's own clock)
    const STAGES: [string, string, string][] = [
      ["placed", "start", "event delivery and the workflow engine, to the print step"],
      ["start", "loaded", "order (own fields and links, at once) and printers read"],
      ["loaded", "created", "routing, rendering, jobs and parts created claimed (one statement)"],
      ["created", "request", "send queue to the request leaving (token, late mark)"],
    ]
    const profile = STAGES.map(([from, to, what]) => {
      const d: number[] = []
      for (const [orderId, st] of traces) {
        const a = from === "placed" ? placedPerf.get(orderId) : st[from]
        const b = st[to]
        if (a !== undefined && b !== undefined) d.push(b - a)
      }
      return { from, to, what, p50: pct(d, 50), p99: pct(d, 99), n: d.length }
    })
    console.log(`  where the time goes (order.placed → request, per stage; ${profile[0]?.n ?? 0} traced):`)
    for (const st of profile) console.log(`    ${`${st.from} → ${st.to}`.padEnd(20)} p50 ${ms(st.p50).padStart(8)}   p99 ${ms(st.p99).padStart(8)}   ${st.what}`)
    const p50 = pct(latencies, 50)
    const p99 = pct(latencies, 99)
    console.log(`  ${loadText()} at the end (${loadText(startLoad)} at the start)`)
    writeBenchJson("pipeline", {
      startLoad,
      figures: {
        orders: ORDERS, concurrency: CONCURRENCY, p50, p99, measured: latencies.length, drainMs: lastArrival - firstPlaced, completedMs,
        printed: printedAll, duplicates: prints.length - uniqueOrigins, jobs: jobsInfo?.statuses, tokenFetches: tokens.fetchesInWindow,
        rss, burst, profile,
      },
      baseline: { name: "bare print/index round trip of the client to the same simulator", p50: pct(baseline, 50), p99: pct(baseline, 99) },
      notes: BURST ? ["burst orders are created with the order module and announced with order.placed (each a real print); the first ORDERS go through cart completion"] : [],
      readme: [
        {
          bench: `\`bench/pipeline.ts\` — ${ORDERS} orders completed ${CONCURRENCY} at a time in a real Medusa process, 1 K4 printer`,
          figure: `\`order.placed\` → print at the cloud: **p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms**; drain ${((lastArrival - firstPlaced) / 1000).toFixed(1)} s; ${printedAll}/${ORDERS + BURST} printed, ${prints.length - uniqueOrigins} duplicates, ${tokens.fetchesInWindow} token fetch`,
          baseline: `a bare \`print/index\` round trip: p50 ${pct(baseline, 50).toFixed(1)} ms, p99 ${pct(baseline, 99).toFixed(1)} ms`,
          target: `p50 ≤ 25 ms, p99 ≤ 80 ms: ${p50 <= 25 && p99 <= 80 ? "met" : "not met"} (where the time goes: the profile below the table)`,
        },
        ...(burst.length
          ? [
              {
                bench: `memory over a long burst (\`--burst ${BURST}\`)`,
                figure: burst.map((m) => `${m.orders}: RSS ${mb(m.rss)} / heap ${mb(m.heapUsed)}`).join("; "),
                baseline: `after boot ${mb(rss.booted ?? 0)} RSS`,
                target: (() => {
                  const last = burst[burst.length - 1]
                  const warm = burst.find((m) => m.orders >= 1000 && m !== last) ?? burst[0]
                  const heap = last.heapUsed - warm.heapUsed
                  return `no growth once warm: heap ${heap >= 0 ? "+" : ""}${mb(heap)}, RSS ${mb(last.rss - warm.rss)} from ${warm.orders} to ${last.orders} orders`
                })(),
              },
            ]
          : []),
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
