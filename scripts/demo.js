#!/usr/bin/env node
// `npm run demo`: a runnable demo store on a fresh machine, no database or Yilianyun account needed.
//  1. PostgreSQL: DATABASE_URL if set, else an embedded one with its files in .data/postgres
//  2. the Yilianyun simulator with two printers (unless YILIANYUN_API_URL & credentials are set)
//  3. migrations, the idempotent seed, the printers bound through the plugin
//  4. Medusa (admin included) on :9000; one order placed through the Store API
//  5. the receipts from the virtual paper and the printers' confirmation, then the admin URL and
//     login; "o" in this terminal (or `npm run demo:order` in another) places another order.
//     Ctrl-C (or "q") stops everything.
// Ports: PORT (Medusa, default 9000), YILIANYUN_SIMULATOR_PORT (default 18700); a taken port is
// named with the variable that moves it. Run-time files go to .data/ and .output/ (medusa develop
// restarts on writes elsewhere; as root the embedded database lives under /tmp, see embedded-postgres.js).
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const readline = require("node:readline")
const { STATE_FILE, assertPortFree, orderAndShow, say } = require("./demo-lib")
const { startEmbeddedPostgres } = require("./embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const CLI = require.resolve("@medusajs/cli/cli.js")
const OUTPUT = path.join(ROOT, ".output")
const PORT = Number(process.env.PORT || 9000)
const SIMULATOR_PORT = Number(process.env.YILIANYUN_SIMULATOR_PORT || 18700)
const DB_NAME = "medusa_yilianyun_demo"
const ADMIN_EMAIL = process.env.YLY_SEED_ADMIN_EMAIL || "admin@yilianyun.test"
const ADMIN_PASSWORD = process.env.YLY_SEED_ADMIN_PASSWORD || "supersecret"
const FRONT = { machine_code: "4004000001", name: "前台 Front desk", model: "K4", paper_width: 58, mode: "auto" }
const KITCHEN = { machine_code: "4004000002", name: "厨房 Kitchen", model: "K7", paper_width: 80, mode: "confirm" }

const cleanups = []
let stopping = false

async function stopAll(code = 0) {
  if (stopping) return
  stopping = true
  say("stopping…")
  for (const fn of cleanups.reverse()) {
    try {
      await fn()
    } catch (e) {
      process.stderr.write(`${e?.message ?? e}\n`)
    }
  }
  process.exit(code)
}
process.on("SIGINT", () => stopAll(0))
process.on("SIGTERM", () => stopAll(0))

/** Runs a Medusa CLI command to completion; returns its stdout lines. */
function medusa(args, env, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    const lines = []
    let err = ""
    readline.createInterface({ input: child.stdout }).on("line", (l) => lines.push(l))
    child.stderr.on("data", (d) => (err = (err + d).slice(-6000)))
    child.once("exit", (code) =>
      code === 0 ? resolve(lines) : reject(new Error(`${label} failed (exit ${code}):\n${err}\n${lines.slice(-20).join("\n")}`))
    )
  })
}

async function database() {
  if (process.env.DATABASE_URL) {
    say(`database: DATABASE_URL`)
    return process.env.DATABASE_URL
  }
  const pg = await startEmbeddedPostgres({ purpose: "demo", dataDir: path.join(ROOT, ".data", "postgres") })
  cleanups.push(() => pg.stop())
  const { default: PG } = await import("pg")
  const client = new PG.Client({ connectionString: `${pg.url}/postgres` })
  await client.connect()
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME])
  if (!exists.rowCount) await client.query(`CREATE DATABASE "${DB_NAME}"`)
  await client.end()
  say(`database: embedded PostgreSQL on port ${pg.port} (files in ${path.relative(ROOT, pg.dataDir).startsWith("..") ? pg.dataDir : path.relative(ROOT, pg.dataDir)})`)
  return `${pg.url}/${DB_NAME}`
}

async function yilianyun() {
  const { YILIANYUN_API_URL: url, YILIANYUN_CLIENT_ID: id, YILIANYUN_CLIENT_SECRET: secret } = process.env
  if (url && id && secret) {
    say(`Yilianyun: ${url} (your credentials; no printers are invented)`)
    return { apiUrl: url, clientId: id, clientSecret: secret, sim: null }
  }
  require("ts-node").register({ transpileOnly: true })
  const { startSimulator } = require("../src/simulator")
  const sim = await startSimulator({ port: SIMULATOR_PORT, finishDelayMs: 300 }).catch((e) => {
    if (e?.code !== "EADDRINUSE") throw e
    throw new Error(
      `port ${SIMULATOR_PORT} (the Yilianyun simulator) is already in use — another demo may be running. ` +
        `Stop it, or choose another port: YILIANYUN_SIMULATOR_PORT=${SIMULATOR_PORT + 1} npm run demo`
    )
  })
  cleanups.push(() => sim.close())
  // The simulator starts empty every run: its two printers come pre-bound to its app.
  await sim.control.addDevice({ machineCode: FRONT.machine_code, model: "K4", paperWidth: 58, bound: true })
  await sim.control.addDevice({ machineCode: KITCHEN.machine_code, model: "K7", paperWidth: 80, bound: true })
  say(`Yilianyun: the simulator on ${sim.url} (client id ${sim.clientId}), printers ${FRONT.machine_code} (K4 58 mm) and ${KITCHEN.machine_code} (K7 80 mm)`)
  return { apiUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, sim }
}

/** The simulator forgets its tokens when it stops; so must this store, or it would ask with a dead one. */
async function forgetSimulatorToken(dbUrl, clientId) {
  const { default: PG } = await import("pg")
  const client = new PG.Client({ connectionString: dbUrl })
  await client.connect()
  await client.query("DELETE FROM yly_credential WHERE client_id = $1", [clientId]).catch(() => undefined)
  await client.query("DELETE FROM yly_token_fetch WHERE client_id = $1", [clientId]).catch(() => undefined)
  await client.end()
}

async function waitForHealth(base, child) {
  const deadline = Date.now() + 240_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("medusa develop exited; see .output/demo-medusa.log")
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error("medusa did not answer /health within 4 minutes; see .output/demo-medusa.log")
}

async function main() {
  fs.mkdirSync(OUTPUT, { recursive: true })
  // before anything starts: a taken port is named, with the variable that moves it
  await assertPortFree(PORT, "Medusa", "PORT")
  if (!(process.env.YILIANYUN_API_URL && process.env.YILIANYUN_CLIENT_ID && process.env.YILIANYUN_CLIENT_SECRET)) {
    await assertPortFree(SIMULATOR_PORT, "the Yilianyun simulator", "YILIANYUN_SIMULATOR_PORT")
  }
  const dbUrl = await database()
  const yly = await yilianyun()
  const base = `http://localhost:${PORT}`
  const env = {
    ...process.env,
    NODE_OPTIONS: "",
    DATABASE_URL: dbUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    YILIANYUN_CLIENT_ID: yly.clientId,
    YILIANYUN_CLIENT_SECRET: yly.clientSecret,
    YILIANYUN_API_URL: yly.apiUrl,
    YILIANYUN_PUSH_URL: process.env.YILIANYUN_PUSH_URL || `${base}/hooks/yilianyun`,
  }

  say("migrating…")
  await medusa(["db:migrate"], { ...env, LOG_LEVEL: "error" }, "medusa db:migrate")
  if (yly.sim) await forgetSimulatorToken(dbUrl, yly.clientId)
  say("seeding (idempotent)…")
  const seedLines = await medusa(["exec", "./scripts/seed.ts"], { ...env, LOG_LEVEL: "error" }, "seed")
  const seed = JSON.parse(seedLines.find((l) => l.startsWith("SEED_RESULT ")).slice("SEED_RESULT ".length))
  if (yly.sim) {
    const printers = [
      { ...FRONT, msign: require("../src/simulator").expectedMsign(FRONT.machine_code), templates: { "order.placed": ["receipt"] },
        receipt_settings: { shop_name: "易联云小馆 Demo Bistro", language: "zh-CN", pickup_number: true, footer_lines: ["谢谢惠顾 Thank you!"] } },
      { ...KITCHEN, msign: require("../src/simulator").expectedMsign(KITCHEN.machine_code), templates: { "order.placed": ["kitchen"] },
        product_type_ids: [seed.product_types.food], receipt_settings: { language: "zh-CN" } },
    ]
    await medusa(["exec", "./scripts/demo-printers.ts"], { ...env, LOG_LEVEL: "error", DEMO_PRINTERS: JSON.stringify(printers) }, "binding the demo printers")
  }

  say(`starting Medusa on ${base} (log: .output/demo-medusa.log; the admin's first load takes a minute)…`)
  const log = fs.openSync(path.join(OUTPUT, "demo-medusa.log"), "a")
  const server = spawn(process.execPath, [CLI, "develop", "-p", String(PORT)], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: process.env.LOG_LEVEL || "info" },
    stdio: ["ignore", log, log],
    detached: true,
  })
  cleanups.push(
    () =>
      new Promise((resolve) => {
        if (server.exitCode !== null) return resolve()
        server.once("exit", resolve)
        try {
          process.kill(-server.pid, "SIGTERM")
        } catch {
          resolve()
        }
        setTimeout(() => {
          try {
            process.kill(-server.pid, "SIGKILL")
          } catch {}
          resolve()
        }, 10_000)
      })
  )
  await waitForHealth(base, server)

  const demo = {
    base,
    simUrl: yly.sim?.url ?? null,
    seed,
    admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    printers: [
      { machine_code: FRONT.machine_code, title: `${FRONT.name} (K4, 58 mm)` },
      { machine_code: KITCHEN.machine_code, title: `${KITCHEN.name} (K7, 80 mm, accept/reject on the device)` },
    ],
  }
  let orders = 0
  if (yly.sim) {
    await orderAndShow(demo, orders++)
    // for `npm run demo:order` in another terminal; removed when the demo stops
    fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true })
    fs.writeFileSync(STATE_FILE, JSON.stringify({ ...demo, pid: process.pid, orders }, null, 2))
    cleanups.push(async () => fs.rmSync(STATE_FILE, { force: true }))
  }

  const interactive = Boolean(yly.sim && process.stdin.isTTY)
  process.stdout.write(`
  Admin:     ${base}/app      (Settings → Yilianyun; the order's page shows its prints)
  Login:     ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}
  Store API: ${base}/store    (publishable key ${seed.publishable_key})
  ${yly.sim ? `Simulator: ${yly.sim.url}/_sim/paper/${FRONT.machine_code} shows the virtual paper` : ""}
  ${yly.sim ? `Another order: ${interactive ? 'press "o" here, or ' : ""}run \`npm run demo:order\` in another terminal` : ""}
  ${interactive ? 'Ctrl-C or "q"' : "Ctrl-C"} stops everything${process.env.DATABASE_URL ? "" : ", PostgreSQL included"}.
\n`)
  if (interactive) {
    // raw mode: one key, no Enter; Ctrl-C then arrives as a key, not as SIGINT
    process.stdin.setRawMode(true)
    process.stdin.resume()
    cleanups.push(async () => {
      process.stdin.setRawMode(false)
      process.stdin.pause()
    })
    let busy = false
    process.stdin.on("data", async (key) => {
      const k = key.toString()
      if (k === "\u0003" || k === "q") return stopAll(0)
      if ((k === "o" || k === "O" || k === "\r") && !busy) {
        busy = true
        try {
          await orderAndShow(demo, orders++)
          fs.writeFileSync(STATE_FILE, JSON.stringify({ ...demo, pid: process.pid, orders }, null, 2))
        } catch (e) {
          say(`the order failed: ${e?.message ?? e}`)
        } finally {
          busy = false
          say('press "o" for another order, Ctrl-C or "q" to stop')
        }
      }
    })
  }
  await new Promise(() => undefined)
}

main().catch(async (e) => {
  process.stderr.write(`\n[demo] ${e?.stack ?? e}\n`)
  await stopAll(1)
})
