// Push-hook acknowledgement and apply under load, against this repository's store (`medusa start`,
// development mode), for REAL prints.
//
//   npm run bench:push -- [--rate 200] [--seconds 30]
//
// Before the store starts, `medusa exec bench/push-setup.ts` binds a printer in accept/reject mode
// on the simulator and prints rate × seconds / 2 orders through the plugin: every push then names
// a real print (its machine code, cloud print id and origin_id). Open loop at `rate` pushes per
// second for `seconds`: each print gets a decision push (oauth_getOrder, state 1 = accepted) and a
// finish push (oauth_finish) — both update the job, rebuild the order's metadata.yilianyun and emit
// an event, the full apply path. The baseline is Medusa's own GET /health, sent at the same rate
// INTERLEAVED with the pushes (each tick sends one of each), so both see the same load. Measures the
// time to the {"data":"OK"} answer, then the apply drain: from the last acknowledgement until every
// recorded push has an outcome, and which outcomes. Writes .output/bench/push.json. Loopback only; bounded.
import { spawn } from "node:child_process"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import { Agent, request } from "undici"
import { pushSign, startSimulator } from "../src/simulator"
import { benchDatabase, medusaExec, ROOT } from "./lib/medusa-process"
import { loadNow, loadText, writeBenchJson } from "./lib/output"
import { ms, pct } from "./lib/stats"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort } = require("../scripts/embedded-postgres")

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const RATE = arg("rate", 200)
const SECONDS = arg("seconds", 30)
const MC = "4004000001"

interface Print {
  print_id: string
  origin_id: string
  order_id: string
}

async function main() {
  const guard = setTimeout(() => (console.error("bench/push: gave up after 20 minutes"), process.exit(2)), 20 * 60_000)
  const startLoad = loadNow()
  const total = Math.round(RATE * SECONDS)
  const printsWanted = Math.ceil(total / 2)
  const db = await benchDatabase("yly_bench_push")
  const sim = await startSimulator()
  await sim.control.addDevice({ machineCode: MC, model: "K4", paperWidth: 58 })
  const storeEnv = {
    DATABASE_URL: db.url,
    YILIANYUN_CLIENT_ID: sim.clientId,
    YILIANYUN_CLIENT_SECRET: sim.clientSecret,
    YILIANYUN_API_URL: sim.url,
  }
  const { default: pg } = await import("pg")
  const dbc = new pg.Client({ connectionString: db.url })
  let medusa: ReturnType<typeof spawn> | null = null
  const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 10_000 })
  try {
    console.log(`printing ${printsWanted} orders through the plugin (medusa exec bench/push-setup.ts)…`)
    let setupMs = 0
    await medusaExec("./bench/push-setup.ts", { ...storeEnv, BENCH_PRINTS: String(printsWanted), BENCH_MACHINE_CODE: MC }, (m) => {
      if (m.type === "printed") setupMs = m.ms
    })
    await dbc.connect()
    const { rows: prints } = await dbc.query<Print>(
      `SELECT p.print_id, p.origin_id, j.order_id FROM yly_print_part p JOIN yly_print_job j ON j.id = p.job_id
       WHERE p.status = 'sent' AND p.print_id IS NOT NULL AND p.part_number = 1 AND j.asks_decision ORDER BY j.created_at`
    )
    console.log(`  ${prints.length} prints sent and waiting for their pushes (printing took ${ms(setupMs)})`)
    if (prints.length < printsWanted) throw new Error(`only ${prints.length} of ${printsWanted} orders printed with a print id`)

    const port = await freePort()
    // `start` in development mode is what `medusa develop` forks, without the file watcher that
    // would restart the server when anything in the repository changes mid-run.
    // BENCH_CPU_PROF=<dir>: the store's CPU profile (written when it exits on the bench's SIGTERM)
    const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(process.env.BENCH_CPU_PROF)] : []
    medusa = spawn(process.execPath, [...profile, require.resolve("@medusajs/cli/cli.js"), "start"], {
      cwd: ROOT,
      env: { ...process.env, ...storeEnv, NODE_OPTIONS: "", NODE_ENV: "development", PORT: String(port), ADMIN_DISABLED: "true", LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true" },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    })
    let stderr = ""
    medusa.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-3000)))
    const base = `http://127.0.0.1:${port}`
    const up = Date.now() + 180_000
    for (;;) {
      const ok = await request(`${base}/health`, { dispatcher }).then((r) => (r.body.dump(), r.statusCode === 200), () => false)
      if (ok) break
      if (Date.now() > up || medusa.exitCode !== null) throw new Error(`medusa start did not come up:\n${stderr}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    // warm both routes (a probe POST with no fields is acknowledged and records nothing)
    for (let i = 0; i < 50; i++) {
      await request(`${base}/health`, { dispatcher }).then((r) => r.body.dump())
      await request(`${base}/hooks/yilianyun`, { method: "POST", dispatcher, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }).then((r) => r.body.dump())
    }

    const push = (j: number) => {
      const p = prints[j >> 1]
      const t = Math.floor(Date.now() / 1000)
      const common = { machine_code: MC, order_id: p.print_id, origin_id: p.origin_id, push_time: String(t), sign: pushSign(sim.clientId, t, sim.clientSecret) }
      const fields = j % 2 === 0 ? { cmd: "oauth_getOrder", state: "1", ...common } : { cmd: "oauth_finish", state: "1", print_time: String(t), ...common }
      return new URLSearchParams(fields).toString()
    }
    const health: number[] = []
    const pushes: number[] = []
    let healthErrors = 0
    let pushErrors = 0
    let lastAck = 0
    // One tick every 1/RATE s sends a push and a /health request: the baseline shares the load.
    const started = performance.now()
    const inflight: Promise<void>[] = []
    for (let j = 0; j < total; j++) {
      const wait = started + (j * 1000) / RATE - performance.now()
      if (wait > 1) await new Promise((r) => setTimeout(r, wait))
      const first = j % 2 === 0
      const sendHealth = async () => {
        const t = performance.now()
        try {
          const r = await request(`${base}/health`, { dispatcher })
          await r.body.dump()
          if (r.statusCode !== 200) healthErrors++
        } catch {
          healthErrors++
        }
        health.push(performance.now() - t)
      }
      const sendPush = async () => {
        const t = performance.now()
        try {
          const r = await request(`${base}/hooks/yilianyun`, { method: "POST", dispatcher, headers: { "content-type": "application/x-www-form-urlencoded" }, body: push(j) })
          const text = await r.body.text()
          if (r.statusCode !== 200 || text !== '{"data":"OK"}') pushErrors++
        } catch {
          pushErrors++
        }
        pushes.push(performance.now() - t)
        lastAck = Math.max(lastAck, Date.now())
      }
      // alternate which goes first, so neither always meets the other's queue
      inflight.push(first ? sendHealth() : sendPush(), first ? sendPush() : sendHealth())
    }
    await Promise.all(inflight)
    const achieved = total / ((performance.now() - started) / 1000)

    // the apply drain: every recorded push gets an outcome (printed, accepted… or why not)
    let outcomes: Record<string, number> = {}
    let recorded = 0
    let drainMs = NaN
    for (const until = Date.now() + 300_000; Date.now() < until; ) {
      const { rows } = await dbc.query("SELECT outcome, count(*)::int AS n FROM yly_push_event GROUP BY outcome")
      outcomes = Object.fromEntries(rows.map((r) => [r.outcome ?? "(not yet applied)", r.n]))
      recorded = rows.reduce((n, r) => n + r.n, 0)
      if (recorded >= total && !outcomes["(not yet applied)"]) {
        drainMs = Math.max(0, Date.now() - lastAck) // to within the 50 ms poll
        break
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    const { rows: check } = await dbc.query(
      `SELECT count(*) FILTER (WHERE status = 'printed')::int AS printed, count(*) FILTER (WHERE decision = 'accepted')::int AS accepted FROM yly_print_job`
    )
    const { rows: meta } = await dbc.query(
      `SELECT count(*)::int AS n FROM "order" WHERE metadata->'yilianyun'->>'status' = 'printed' AND metadata->'yilianyun'->>'decision' = 'accepted'`
    )

    const h = { p50: pct(health, 50), p99: pct(health, 99), errors: healthErrors }
    const p = { p50: pct(pushes, 50), p99: pct(pushes, 99), errors: pushErrors }
    const endLoad = loadNow()
    console.log(`\nbench/push — open loop, ${RATE} pushes/s + ${RATE} GET /health/s interleaved, ${SECONDS} s, medusa start (admin off); ${prints.length} real prints`)
    console.log(`  baseline GET /health        p50 ${ms(h.p50)}   p99 ${ms(h.p99)}   errors ${h.errors}`)
    console.log(`  POST /hooks/yilianyun       p50 ${ms(p.p50)}   p99 ${ms(p.p99)}   errors ${p.errors}   (${achieved.toFixed(0)} ticks/s achieved)`)
    console.log(`  recorded ${recorded} of ${total}; outcomes ${JSON.stringify(outcomes)}`)
    console.log(`  apply drain: the last push applied ${ms(drainMs)} after the last acknowledgement`)
    console.log(`  jobs printed ${check[0].printed}, accepted ${check[0].accepted}; orders whose metadata.yilianyun says printed + accepted: ${meta[0].n} of ${prints.length}`)
    console.log(`  p99 ratio push/health ${(p.p99 / h.p99).toFixed(2)}; target p99 ≤ 50 ms: ${p.p99 <= 50 ? "met" : "NOT met"}`)
    console.log(`  ${loadText(endLoad)} at the end (${loadText(startLoad)} at the start)`)
    writeBenchJson("push", {
      startLoad,
      figures: { rate: RATE, seconds: SECONDS, pushes: total, realPrints: prints.length, achievedTicksPerSec: achieved, push: p, recorded, outcomes, drainMs, jobsPrinted: check[0].printed, jobsAccepted: check[0].accepted, ordersWithMetadata: meta[0].n },
      baseline: { name: "GET /health interleaved at the same rate", ...h },
      readme: [
        {
          bench: `\`bench/push.ts\` — open loop, ${RATE} signed pushes/s for ${SECONDS} s against \`medusa start\`, each naming a real print (a decision and a finish push per print: job, order metadata and event updated)`,
          figure: `**p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms**, ${p.errors} errors; ${recorded.toLocaleString("en-US")} recorded, all applied ${(drainMs / 1000).toFixed(1)} s after the last acknowledgement`,
          baseline: `Medusa's \`GET /health\`, interleaved at the same rate: p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms`,
          target: `p99 ≤ 50 ms, no errors: ${p.p99 <= 50 && p.errors === 0 ? "met" : "not met"}`,
        },
      ],
    })
    if (p.errors || h.errors || recorded < total) process.exitCode = 1
  } finally {
    clearTimeout(guard)
    await dispatcher.close()
    await dbc.end().catch(() => undefined)
    if (medusa) {
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
    }
    await sim.close()
    await db.stop()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
