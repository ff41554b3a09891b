import { ChildProcess, spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"

/**
 * `npm run demo` as a newcomer runs it, twice in a row on the data the first run kept: each run
 * prints the first order on both printers and the store gets the printers' confirmation at once;
 * `npm run demo:order` places another order and prints it the same way; a taken port is named with
 * the variable that moves it; Ctrl-C leaves nothing running. The database is a fresh one on the
 * test run's server (DATABASE_URL), kept between the two runs and dropped at the end.
 */

jest.setTimeout(15 * 60_000)

const ROOT = path.resolve(__dirname, "../..")

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on("error", reject)
    srv.listen(0, () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function serverUrl(db: string): string {
  const user = encodeURIComponent(process.env.DB_USERNAME || "postgres")
  const pass = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  return `postgres://${user}${pass}@${process.env.DB_HOST || "localhost"}:${process.env.DB_PORT || "5432"}/${db}`
}

async function sql(statement: string): Promise<void> {
  const { Client } = require(require.resolve("pg", { paths: [ROOT] }))
  const client = new Client({ connectionString: serverUrl("postgres") })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

type Demo = { proc: ChildProcess; output: () => string; exited: Promise<number | null> }

function startDemo(env: NodeJS.ProcessEnv): Demo {
  const proc = spawn(process.execPath, [path.join(ROOT, "scripts/demo.js")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let out = ""
  proc.stdout!.on("data", (d) => (out += d))
  proc.stderr!.on("data", (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)))
  return { proc, output: () => out.replace(/\x1b\[[0-9;]*m/g, ""), exited }
}

async function waitForOutput(demo: Demo, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!pattern.test(demo.output())) {
    if (demo.proc.exitCode !== null) throw new Error(`the demo exited with ${demo.proc.exitCode}:\n${demo.output().slice(-4000)}`)
    if (Date.now() > deadline) throw new Error(`the demo did not print ${pattern} in ${timeoutMs / 1000} s:\n${demo.output().slice(-4000)}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function stopDemo(demo: Demo): Promise<number | null> {
  if (demo.proc.exitCode !== null) return demo.proc.exitCode
  demo.proc.kill("SIGINT") // what Ctrl-C sends
  const timer = setTimeout(() => demo.proc.kill("SIGKILL"), 60_000)
  const code = await demo.exited
  clearTimeout(timer)
  return code
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer()
    srv.once("error", () => resolve(false))
    srv.listen(port, () => srv.close(() => resolve(true)))
  })

describe("npm run demo, run twice on kept data", () => {
  const db = `yly_demo_${process.pid}_${Date.now().toString(36)}`
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "yly-demo-test-"))
  let env: NodeJS.ProcessEnv
  let port: number
  const running: Demo[] = []

  beforeAll(async () => {
    await sql(`CREATE DATABASE "${db}"`)
    port = await freePort()
    env = {
      ...process.env,
      NODE_OPTIONS: "",
      DATABASE_URL: serverUrl(db),
      PORT: String(port),
      YILIANYUN_SIMULATOR_PORT: String(await freePort()),
      YLY_DEMO_STATE_FILE: path.join(work, "demo-state.json"),
      MEDUSA_DISABLE_TELEMETRY: "true",
    }
    for (const k of ["DB_HOST", "DB_PORT", "DB_USERNAME", "DB_PASSWORD", "DB_TEMP_NAME", "TEST_TYPE", "LOG_LEVEL"]) delete env[k]
  })

  afterAll(async () => {
    for (const demo of running) await stopDemo(demo)
    await sql(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`).catch(() => undefined)
    fs.rmSync(work, { recursive: true, force: true })
  })

  async function runOnce(label: string, extra: (demo: Demo) => Promise<void> = async () => undefined) {
    const demo = startDemo(env)
    running.push(demo)
    await waitForOutput(demo, /stops everything/, 8 * 60_000)
    const out = demo.output()
    console.info(`[demo test] ${label}:\n${out}`)
    // both printers' paper, and the store's confirmation of both prints, for the first order
    expect(out).toMatch(/前台 Front desk \(K4, 58 mm\) — print \d+/)
    expect(out).toMatch(/厨房 Kitchen \(K7, 80 mm, accept\/reject on the device\) — print \d+/)
    expect(out).toMatch(/order #\d+: printed and confirmed by the printers \(2 print jobs\)/)
    expect(out).not.toMatch(/not confirmed yet/)
    await extra(demo)
    expect(await stopDemo(demo)).toBe(0)
    running.splice(running.indexOf(demo), 1)
    expect(await portIsFree(port)).toBe(true)
  }

  it("prints and confirms the first order at once, takes another with demo:order, and names a taken port", async () => {
    await runOnce("first run", async () => {
      const order = spawnSync(process.execPath, [path.join(ROOT, "scripts/demo-order.js")], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 })
      const text = (order.stdout + order.stderr).replace(/\x1b\[[0-9;]*m/g, "")
      console.info(`[demo test] npm run demo:order:\n${text}`)
      expect(order.status).toBe(0)
      expect(text).toMatch(/前台 Front desk \(K4, 58 mm\) — print \d+/)
      expect(text).toMatch(/printed and confirmed by the printers/)
      // the second shopper writes her name and street in Latin letters: printed as she wrote them
      expect(text).toMatch(/New Comer/)
      expect(text).toMatch(/1 Test Rd/)

      // a second demo on the same port says which port and how to choose another
      const again = spawnSync(process.execPath, [path.join(ROOT, "scripts/demo.js")], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 })
      expect(again.status).toBe(1)
      expect(again.stdout + again.stderr).toMatch(new RegExp(`port ${port} \\(Medusa\\) is already in use.*PORT=${port + 1} npm run demo`))
    })
  })

  it("does the same on the second run, on the data the first one kept", async () => {
    await runOnce("second run")
  })
})
