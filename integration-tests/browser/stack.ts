import { ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import { startSimulator } from "../../src/simulator"

/**
 * The seeded demo store the browser test drives, started the way a developer would: its own
 * database on the test run's PostgreSQL (DB_* from the jest global setup), `medusa db:migrate`,
 * `npm run seed`, a Yilianyun simulator, and `medusa develop` on a free port. Everything it
 * writes goes to the OS temp dir; `stop()` ends only the processes it started and drops the
 * database.
 */

const ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [ROOT] })

export type Seeded = {
  admin_email: string
  region_id: string
  sales_channel_id: string
  publishable_key: string
  shipping_option_id: string
  variants: Record<string, string>
  product_types: Record<string, string>
}

export type Stack = {
  url: string
  sim: Awaited<ReturnType<typeof startSimulator>>
  seeded: Seeded
  logDir: string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

function pgUrl(db: string): string {
  const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
  const pass = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  return `postgres://${user}${pass}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/${db}`
}

async function adminSql(sql: string): Promise<void> {
  // `pg` ships with Medusa; resolved from the project so no extra dependency is needed.
  const { Client } = require(require.resolve("pg", { paths: [ROOT] }))
  const client = new Client({ connectionString: pgUrl("postgres") })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Runs a Medusa CLI command to completion, with a time limit; returns its stdout. */
function runCli(args: string[], env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [MEDUSA_CLI, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const log = fs.createWriteStream(logFile)
    proc.stdout.on("data", (d) => ((out += d), log.write(d)))
    proc.stderr.on("data", (d) => log.write(d))
    const timer = setTimeout(() => {
      proc.kill("SIGKILL")
      reject(new Error(`medusa ${args.join(" ")} did not finish in ${timeoutMs / 1000} s (log: ${logFile})`))
    }, timeoutMs)
    proc.on("exit", (code) => {
      clearTimeout(timer)
      log.end()
      if (code === 0) resolve(out)
      else reject(new Error(`medusa ${args.join(" ")} exited with ${code} (log: ${logFile})`))
    })
  })
}

/** Starts `medusa develop` in its own process group and resolves once it serves requests. */
function startDevelop(port: number, env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [MEDUSA_CLI, "develop", "-p", String(port)], {
      cwd: ROOT,
      env,
      detached: true, // its own process group: the watcher's server child is stopped with it
      stdio: ["ignore", "pipe", "pipe"],
    })
    const log = fs.createWriteStream(logFile)
    let ready = false
    const onData = (d: Buffer) => {
      log.write(d)
      if (!ready && /Server is ready on port/.test(d.toString())) {
        ready = true
        clearTimeout(timer)
        resolve(proc)
      }
    }
    proc.stdout!.on("data", onData)
    proc.stderr!.on("data", onData)
    const timer = setTimeout(() => {
      killGroup(proc)
      reject(new Error(`medusa develop was not ready in ${timeoutMs / 1000} s (log: ${logFile})`))
    }, timeoutMs)
    proc.on("exit", (code) => {
      if (!ready) {
        clearTimeout(timer)
        reject(new Error(`medusa develop exited with ${code} before it was ready (log: ${logFile})`))
      }
    })
  })
}

function killGroup(proc: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (proc.pid === undefined || proc.exitCode !== null) return
  try {
    process.kill(-proc.pid, signal)
  } catch {
    /* already gone */
  }
}

async function stopGroup(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise((r) => proc.once("exit", r))
  killGroup(proc, "SIGTERM")
  const timer = setTimeout(() => killGroup(proc, "SIGKILL"), 10_000)
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
  clearTimeout(timer)
  killGroup(proc, "SIGKILL") // the dev server's own child, should the watcher have left it behind
}

export async function startStack(opts: { onStep?: (msg: string) => void } = {}): Promise<Stack> {
  const step = opts.onStep ?? (() => undefined)
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "yly-browser-"))
  const db = `yly_browser_${process.pid}_${Date.now().toString(36)}`
  const cleanups: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined)
  }
  try {
    const sim = await startSimulator({ port: 0, finishDelayMs: 150 })
    cleanups.push(() => sim.close())
    const port = await freePort()
    const url = `http://localhost:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      NODE_OPTIONS: "",
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: "info",
      DATABASE_URL: pgUrl(db),
      YILIANYUN_CLIENT_ID: sim.clientId,
      YILIANYUN_CLIENT_SECRET: sim.clientSecret,
      YILIANYUN_API_URL: sim.url,
      YILIANYUN_PUSH_URL: `${url}/hooks/yilianyun`,
      STORE_CORS: url,
      ADMIN_CORS: url,
      AUTH_CORS: url,
    }
    // the test runner's own database settings must not leak into the store
    for (const k of ["DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_TEMP_NAME", "TEST_TYPE"]) delete env[k]

    step(`database ${db}`)
    await adminSql(`CREATE DATABASE "${db}"`)
    cleanups.push(() => adminSql(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`))
    step("medusa db:migrate")
    await runCli(["db:migrate"], env, path.join(logDir, "migrate.log"), 240_000)
    step("seed")
    const out = await runCli(["exec", "./scripts/seed.ts"], env, path.join(logDir, "seed.log"), 180_000)
    const line = out.split("\n").find((l) => l.startsWith("SEED_RESULT "))
    if (!line) throw new Error(`the seed script printed no SEED_RESULT line (log: ${path.join(logDir, "seed.log")})`)
    const seeded = JSON.parse(line.slice("SEED_RESULT ".length)) as Seeded
    step(`medusa develop on ${url}`)
    const dev = await startDevelop(port, env, path.join(logDir, "develop.log"), 240_000)
    cleanups.push(() => stopGroup(dev))
    return { url, sim, seeded, logDir, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
