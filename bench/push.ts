// Push-hook acknowledgement under load, against this repository's store (`medusa start`, development mode).
//
//   npx ts-node --transpile-only bench/push.ts [--rate 200] [--seconds 30]
//
// Open-loop: `rate` signed pushes per second for `seconds` (finish pushes of distinct prints, as
// the platform's are), measuring the time to the {"data":"OK"} answer. Baseline in the same run: Medusa's own
// GET /health at the same rate. Target: p99 ≤ 50 ms, no errors. Loopback only; bounded.
import { spawn } from "node:child_process"
import { Agent, request } from "undici"
import { pushSign, startSimulator } from "../src/simulator"
import { benchDatabase, ROOT } from "./lib/medusa-process"
import { openLoop } from "./lib/open-loop"
import { ms, pct } from "./lib/stats"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort } = require("../scripts/embedded-postgres")

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const RATE = arg("rate", 200)
const SECONDS = arg("seconds", 30)

async function main() {
  const guard = setTimeout(() => (console.error("bench/push: gave up after 10 minutes"), process.exit(2)), 10 * 60_000)
  const db = await benchDatabase("yly_bench_push")
  const sim = await startSimulator()
  const port = await freePort()
  // `start` in development mode is what `medusa develop` forks, without the file watcher that
  // would restart the server when anything in the repository changes mid-run.
  const medusa = spawn(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "start"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      NODE_ENV: "development",
      PORT: String(port),
      DATABASE_URL: db.url,
      ADMIN_DISABLED: "true",
      LOG_LEVEL: "error",
      MEDUSA_DISABLE_TELEMETRY: "true",
      YILIANYUN_CLIENT_ID: sim.clientId,
      YILIANYUN_CLIENT_SECRET: sim.clientSecret,
      YILIANYUN_API_URL: sim.url,
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  })
  let stderr = ""
  medusa.stderr.on("data", (d) => (stderr = (stderr + d).slice(-3000)))
  const base = `http://127.0.0.1:${port}`
  const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 10_000 })
  try {
    const up = Date.now() + 180_000
    for (;;) {
      const ok = await request(`${base}/health`, { dispatcher }).then((r) => (r.body.dump(), r.statusCode === 200), () => false)
      if (ok) break
      if (Date.now() > up || medusa.exitCode !== null) throw new Error(`medusa develop did not come up:\n${stderr}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    // warm both routes
    for (let i = 0; i < 50; i++) await request(`${base}/health`, { dispatcher }).then((r) => r.body.dump())

    const health = await openLoop(RATE, SECONDS, async () => {
      const r = await request(`${base}/health`, { dispatcher })
      await r.body.dump()
      return r.statusCode === 200
    })

    const pushTime = () => Math.floor(Date.now() / 1000)
    const run = Date.now()
    const pushes = await openLoop(RATE, SECONDS, async (i) => {
      const t = pushTime()
      const body = new URLSearchParams({
        cmd: "oauth_finish",
        machine_code: "4004000001",
        order_id: String(BigInt(run) * 100000n + BigInt(i)),
        origin_id: `bench${i}`,
        state: "1",
        print_time: String(t),
        push_time: String(t),
        sign: pushSign(sim.clientId, t, sim.clientSecret),
      }).toString()
      const r = await request(`${base}/hooks/yilianyun`, {
        method: "POST",
        dispatcher,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      })
      const text = await r.body.text()
      return r.statusCode === 200 && text === '{"data":"OK"}'
    })

    // every acknowledged push must also be applied: time from the last acknowledgement to the last apply
    const { default: pg } = await import("pg")
    const dbc = new pg.Client({ connectionString: db.url })
    await dbc.connect()
    const drainStart = Date.now()
    let applied = 0
    let recorded = 0
    while (Date.now() - drainStart < 120_000) {
      const { rows } = await dbc.query(
        "SELECT count(*)::int AS recorded, count(outcome)::int AS applied FROM yly_push_event"
      )
      ;({ recorded, applied } = rows[0])
      if (applied >= pushes.total) break
      await new Promise((r) => setTimeout(r, 250))
    }
    const drainMs = Date.now() - drainStart
    await dbc.end()

    console.log(`\nbench/push — open loop, ${RATE}/s for ${SECONDS} s against medusa start (admin off)`)
    console.log(`  baseline GET /health        ${health.rate.toFixed(0)}/s   p50 ${ms(pct(health.latencies, 50))}   p99 ${ms(pct(health.latencies, 99))}   errors ${health.errors}`)
    console.log(`  POST /hooks/yilianyun       ${pushes.rate.toFixed(0)}/s   p50 ${ms(pct(pushes.latencies, 50))}   p99 ${ms(pct(pushes.latencies, 99))}   errors ${pushes.errors}`)
    console.log(`  recorded ${recorded}, applied ${applied} of ${pushes.total}; the last applied ${ms(drainMs)} after the last acknowledgement`)
    console.log(`  p99 ratio push/health ${(pct(pushes.latencies, 99) / pct(health.latencies, 99)).toFixed(2)}; target p99 ≤ 50 ms: ${pct(pushes.latencies, 99) <= 50 ? "met" : "NOT met"}`)
  } finally {
    clearTimeout(guard)
    await dispatcher.close()
    try {
      process.kill(-medusa.pid!, "SIGTERM")
    } catch {
      /* gone */
    }
    await new Promise((r) => setTimeout(r, 2000))
    try {
      process.kill(-medusa.pid!, "SIGKILL")
    } catch {
      /* gone */
    }
    await sim.close()
    await db.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
