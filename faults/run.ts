// `npm run test:faults` — the plugin's exactly-once promise measured on a real cluster:
// one Medusa worker and two servers (each its own OS process) on PostgreSQL and Redis, orders
// placed through the Store API on both servers, the project's Yilianyun simulator as the cloud,
// and faults: a worker SIGKILL, the cloud down, a printer offline with orders canceled, the
// token revoked, every order.placed delivered twice, a push flood, a soak with random faults.
// Ground truth is the simulator's paper. Writes .output/faults.md and .output/faults.json and
// exits non-zero on any duplicate, loss, or lost push.
//
//   npm run test:faults                      # the full form (~45 min on 2 cores)
//   FAULTS_SCALE=ci npm run test:faults      # the CI form (a few minutes)
//   FAULTS_ONLY=healthy,worker-kill …        # some scenarios only; FAULTS_SEED=n repeats a soak
//
// PostgreSQL as the tests choose it (DB_*, else DATABASE_URL, else embedded); Redis at REDIS_URL
// or redis://127.0.0.1:6379 (the run takes an empty database index of its own).
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { expectedMsign, startSimulator } from "../src/simulator"
import { loadScale, selectedScenarios } from "./config"
import { startBalancer } from "./lib/balancer"
import { Cluster, sleep, startCluster } from "./lib/cluster"
import { claimRedis, freshDatabase, migrateAndSeed, ROOT } from "./lib/infra"
import { BoundPrinter, Ledger } from "./lib/ledger"
import { failures, markdown, Row, terminalTable } from "./lib/report"
import { Ctx, ScenarioRun, settle } from "./lib/scenario"
import { ledgerSelfCheck } from "./lib/self-check"
import { Admin } from "./lib/shop"
import { SCENARIOS } from "./scenarios"

const OUT = path.join(ROOT, ".output")
const LOGS = path.join(OUT, "faults-logs")
const t0 = Date.now()
const loadAtStart = os.loadavg()[0].toFixed(1)
const log = (m: string) => process.stdout.write(`[faults ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${m}\n`)

/** mulberry32: a small seeded generator, so a soak's fault sequence can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PRINTERS = [
  { role: "front" as const, machine_code: "4004100001", name: "前台 Front", model: "K4", paper_width: 58, templates: { "order.placed": ["receipt"] } },
  { role: "kitchen" as const, machine_code: "4004100002", name: "厨房 Kitchen", model: "K7", paper_width: 80, templates: { "order.placed": ["kitchen"] } },
]

async function main(): Promise<number> {
  const scale = loadScale()
  const names = selectedScenarios(SCENARIOS.map((s) => s.name))
  const seed = Number(process.env.FAULTS_SEED || Math.floor(Math.random() * 1e6))
  const guard = setTimeout(() => {
    log(`gave up: the ${scale.name} form ran over ${scale.name === "ci" ? 25 : 120} minutes`)
    process.exit(2)
  }, (scale.name === "ci" ? 25 : 120) * 60_000)
  guard.unref()
  fs.rmSync(LOGS, { recursive: true, force: true })
  fs.mkdirSync(LOGS, { recursive: true })
  log(`${scale.name} form, scenarios: ${names.join(", ")}; seed ${seed}; logs in .output/faults-logs/`)

  const cleanups: (() => Promise<unknown>)[] = []
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e) => log(`cleanup: ${(e as Error).message}`))
    cleanups.length = 0
  }
  const onSignal = () => {
    log("interrupted: stopping everything")
    cleanup().finally(() => process.exit(130))
  }
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)

  try {
    const redis = await claimRedis(log)
    cleanups.push(redis.release)
    const db = await freshDatabase(log)
    cleanups.push(db.drop)
    const sim = await startSimulator({ port: 0 })
    cleanups.push(() => sim.close())
    for (const p of PRINTERS) await sim.control.addDevice({ machineCode: p.machine_code, model: p.model, paperWidth: p.paper_width as 58 })
    log(`simulator on ${sim.url}`)

    let t = Date.now()
    const seedResult = await migrateAndSeed(db.url)
    log(`database migrated and seeded (${((Date.now() - t) / 1000).toFixed(0)} s)`)

    let cluster: Cluster | null = null
    const balancer = await startBalancer(() => cluster?.servers.map((s) => s.url) ?? [])
    cleanups.push(balancer.close)
    const medusaEnv = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      YILIANYUN_CLIENT_ID: sim.clientId,
      YILIANYUN_CLIENT_SECRET: sim.clientSecret,
      YILIANYUN_API_URL: `${sim.url}/v2`, // the v2 API, as a store is configured by default
      YILIANYUN_PUSH_URL: `${balancer.url}/hooks/yilianyun`,
    }
    t = Date.now()
    cluster = await startCluster(medusaEnv, LOGS, log)
    const theCluster = cluster
    cleanups.push(() => theCluster.stop())

    const admin = await Admin.login(cluster.servers[0].url, seedResult.admin_email)
    const printers: BoundPrinter[] = []
    for (const [i, p] of PRINTERS.entries()) {
      const { role, ...body } = p
      const { printer } = await admin.on(cluster.servers[i % 2].url).request("POST", "/admin/yilianyun/printers", {
        ...body,
        msign: expectedMsign(p.machine_code),
        mode: "auto",
        copies: 1,
        ...(role === "kitchen" ? { product_type_ids: [seedResult.product_types.food] } : {}),
      })
      printers.push({ role, id: printer.id, machineCode: p.machine_code })
    }
    log(`printers bound through the admin API: front ${PRINTERS[0].machine_code} (K4 58 mm, every order), kitchen ${PRINTERS[1].machine_code} (K7 80 mm, food only)`)
    await sim.control.waitFor(
      async () => (await sim.control.pushTargets()).some((p) => p.cmd === "oauth_finish" && p.url === medusaEnv.YILIANYUN_PUSH_URL),
      { timeoutMs: 60_000, intervalMs: 500 }
    )
    log("push URL registered at the cloud by the plugin (the balancer in front of both servers)")

    const ledger = await Ledger.open(db.url, sim.control, printers)
    cleanups.push(() => ledger.close())
    const run = `run${Date.now()}`
    const ctx: Ctx = { run, scale, seed: seedResult, sim, cluster, admin, ledger, printers, medusaEnv, logDir: LOGS, log, rand: seeded(seed) }

    if (process.env.FAULTS_SELF_CHECK !== "0") log(await ledgerSelfCheck(ctx))

    const rows: (Row & { window: { startMs: number; endMs: number } })[] = []
    const ordersPerServer: Record<string, number> = {}
    for (const scenario of SCENARIOS.filter((s) => names.includes(s.name))) {
      log(`scenario ${scenario.name}: ${scenario.title}`)
      await healthyCluster(ctx)
      const tokens0 = (await sim.control.tokens()).fetchesInWindow
      const s = new ScenarioRun(scenario.name, ctx)
      let extra = {}
      let error: string | null = null
      try {
        extra = (await scenario.run(ctx, s)) ?? {}
      } catch (e) {
        error = (e as Error).message
        s.note(`FAILED: ${(e as Error).stack ?? e}`)
        await sim.control.clearFaults().catch(() => undefined)
      }
      for (const o of s.placed) ordersPerServer[o.server] = (ordersPerServer[o.server] ?? 0) + 1
      const account = await settle(ctx, s)
      const tokens1 = (await sim.control.tokens()).fetchesInWindow
      const row = {
        name: scenario.name,
        title: scenario.title,
        startedAt: new Date(s.startMs).toISOString(),
        durationS: Math.round((Date.now() - s.startMs) / 1000),
        placed: s.placed.length,
        placementErrors: s.placementErrors,
        tokenFetches: tokens1 - tokens0,
        account,
        extra,
        notes: s.notes,
        error,
        window: { startMs: s.startMs, endMs: Date.now() },
      }
      rows.push(row)
      const bad = failures(row)
      log(`scenario ${scenario.name}: ${account.orders} orders, ${account.exactlyOnce} exactly once, ${account.duplicates + account.unwanted + account.stray} duplicate, ${account.lost} lost — ${bad.length ? `FAIL (${bad.join("; ")})` : "ok"}`)
    }

    // Counted again at the very end: a duplicate that came out after its scenario settled still counts.
    for (const r of rows) r.account = await ledger.account(run, r.name, r.window)
    const durationS = Math.round((Date.now() - t0) / 1000)
    const meta = {
      scale,
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadAtStart} at the start, ${os.loadavg()[0].toFixed(1)} at the end`,
      seed,
      durationS,
      setup: [
        `scale: ${JSON.stringify(scale)}`,
        `Redis ${redis.url.replace(/\/\/[^@]*@/, "//")}; PostgreSQL database ${new URL(db.url).pathname.slice(1)}`,
        "plugin options: the defaults (request timeout 15 s, 4 inline attempts from 2 s backoff, reconciler every minute)",
        "simulator: finish 200 ms after a print arrives; pushes retried up to 3 deliveries",
        `orders placed per server: ${JSON.stringify(ordersPerServer)}; the cloud's push deliveries through the balancer: ${cluster.servers
          .map((p) => `${p.name} ${balancer.counts.get(String(p.port)) ?? 0}`)
          .join(", ")}`,
      ],
    }
    fs.mkdirSync(OUT, { recursive: true })
    const plain = rows.map(({ window: _w, ...r }) => r)
    fs.writeFileSync(path.join(OUT, "faults.md"), markdown(plain, meta))
    fs.writeFileSync(path.join(OUT, "faults.json"), JSON.stringify({ ...meta, rows: plain }, null, 2))
    process.stdout.write(`\n${terminalTable(plain)}\n\n`)
    const failed = plain.filter((r) => failures(r).length)
    log(`wrote .output/faults.md and .output/faults.json; ${failed.length ? `${failed.length} scenario(s) FAILED: ${failed.map((r) => r.name).join(", ")}` : "every scenario passed"} (${Math.round(durationS / 60)} min)`)
    return failed.length ? 1 : 0
  } finally {
    await cleanup()
  }
}

/** Before each scenario: all three processes up, no fault left switched on, printers online. */
async function healthyCluster(ctx: Ctx): Promise<void> {
  for (const p of ctx.cluster.all) {
    if (!p.pid) {
      log(`  ${p.name} was down: starting it again`)
      p.start()
      await p.ready()
    }
  }
  await ctx.sim.control.clearFaults()
  for (const p of await ctx.sim.control.printers()) {
    if (p.state !== "online") await ctx.sim.control.setPrinterState(p.machineCode, "online")
  }
  await sleep(500)
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`\n[faults] ${(e as Error)?.stack ?? e}\n`)
    process.exit(2)
  }
)
