// End-to-end printing pipeline: N orders completed in a real Medusa process at a fixed concurrency.
//
//   npx ts-node --transpile-only bench/pipeline.ts [--orders 200] [--concurrency 8]
//
// Measures, per order, the time from order.placed reaching subscribers to the print/index request
// arriving at the (simulated) cloud; p50/p99, drain time, duplicates and token fetches. Baseline in
// the same run: the bare print/index round trip of our client to the same simulator. Also the RSS
// of an idle Medusa process with the plugin (this repository) and without (an empty store).
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL. Loopback only; bounded.
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { startSimulator } from "../src/simulator"
import { YilianyunClient } from "../src/yilianyun"
import { benchDatabase, medusaExec, ROOT } from "./lib/medusa-process"
import { startRecordingProxy } from "./lib/recording-proxy"
import { mb, ms, pct } from "./lib/stats"

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const ORDERS = arg("orders", 200)
const CONCURRENCY = arg("concurrency", 2)
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

async function idleRss(cwd: string, databaseUrl: string, script: string): Promise<number> {
  let rss = 0
  await medusaExec(script, { DATABASE_URL: databaseUrl }, (m) => m.type === "rss" && (rss = m.rss), cwd)
  return rss
}

/** An empty Medusa store beside this one: same node_modules, no plugin, no src. */
function bareStore(): { dir: string; script: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yly-bare-store-"))
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"))
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
      name: "bare-store",
      private: true,
      dependencies: { "@medusajs/medusa": "2.21.2", "@medusajs/framework": "2.21.2", "@medusajs/cli": "2.21.2" },
    }))
  fs.writeFileSync(
    path.join(dir, "medusa-config.js"),
    `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({ projectConfig: { databaseUrl: process.env.DATABASE_URL,
  http: { jwtSecret: "x", cookieSecret: "x", storeCors: "", adminCors: "", authCors: "" } }, admin: { disable: true } })\n`
  )
  const script = path.join(dir, "idle-rss.js")
  fs.writeFileSync(
    script,
    `exports.default = async function () { await new Promise((r) => setTimeout(r, 1000)); global.gc && global.gc();
  process.stdout.write(JSON.stringify({ type: "rss", rss: process.memoryUsage().rss }) + "\\n") }\n`
  )
  return { dir, script }
}

async function main() {
  const deadline = setTimeout(() => {
    console.error("bench/pipeline: gave up after 15 minutes")
    process.exit(2)
  }, 15 * 60_000)
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
    let origins: [string, string][] = []
    let jobsInfo: any = null
    const rss: Record<string, number> = {}
    let completedMs = 0
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
      },
      (m) => {
        if (m.type === "placed") placedAt.set(m.order_id, m.at)
        else if (m.type === "jobs") (jobsInfo = m), (origins = m.origins)
        else if (m.type === "rss") rss[m.phase] = m.rss
        else if (m.type === "completed") completedMs = m.ms
      }
    )

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
    console.log(`  printed ${prints.length} / ${ORDERS}; duplicates ${prints.length - uniqueOrigins}; jobs ${JSON.stringify(jobsInfo?.statuses)}`)
    console.log(`  token fetches ${tokens.fetchesInWindow}`)
    const bare = bareStore()
    const rssWithout = await idleRss(bare.dir, db.url, bare.script)
    const rssWith = await idleRss(ROOT, db.url, "./bench/idle-rss.ts")
    fs.rmSync(bare.dir, { recursive: true, force: true })

    console.log(`  RSS idle: with plugin ${mb(rssWith)}, empty store ${mb(rssWithout)} → +${mb(rssWith - rssWithout)}; after the run ${mb(rss["after-run"] ?? 0)}`)
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
