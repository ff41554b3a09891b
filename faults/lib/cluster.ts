import { ChildProcess, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { CLI, ROOT } from "./infra"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort } = require("../../scripts/embedded-postgres")

export type Role = "worker" | "server"

/**
 * One Medusa process of the cluster: `medusa start` from the repository root in development mode
 * (what `medusa develop` forks, without its file watcher), admin off, its own OS process and port,
 * MEDUSA_WORKER_MODE set (never `--cluster`, which would restart a killed child without its mode).
 * Its output goes to `<logDir>/<name>.log`, appended across restarts.
 */
export class MedusaProcess {
  private child: ChildProcess | null = null
  readonly logFile: string
  starts = 0

  constructor(
    readonly name: string,
    readonly role: Role,
    readonly port: number,
    private readonly env: Record<string, string>,
    logDir: string
  ) {
    this.logFile = path.join(logDir, `${name}.log`)
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get pid(): number | null {
    return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid ?? null : null
  }

  start(): void {
    if (this.pid) throw new Error(`${this.name} is already running`)
    this.starts++
    const log = fs.openSync(this.logFile, "a")
    fs.writeSync(log, `\n===== ${new Date().toISOString()} start #${this.starts} (${this.role}) =====\n`)
    this.child = spawn(process.execPath, [CLI, "start", "--port", String(this.port)], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        NODE_ENV: "development",
        ADMIN_DISABLED: "true",
        MEDUSA_DISABLE_TELEMETRY: "true",
        LOG_LEVEL: "info",
        ...this.env,
        MEDUSA_WORKER_MODE: this.role,
        PORT: String(this.port),
      },
      stdio: ["ignore", log, log],
      detached: true,
    })
    fs.closeSync(log)
  }

  /** Waits until GET /health answers (every role serves it). */
  async ready(timeoutMs = 240_000): Promise<number> {
    const t0 = Date.now()
    while (Date.now() - t0 < timeoutMs) {
      if (!this.pid) throw new Error(`${this.name} exited while starting; see ${path.relative(ROOT, this.logFile)}`)
      const ok = await fetch(`${this.url}/health`).then((r) => r.ok, () => false)
      if (ok) return Date.now() - t0
      await sleep(500)
    }
    throw new Error(`${this.name} did not answer /health within ${timeoutMs / 1000} s; see ${path.relative(ROOT, this.logFile)}`)
  }

  /** SIGKILL to the whole process group: no shutdown hook runs, as in a crash or an OOM kill. */
  async kill9(): Promise<void> {
    const child = this.child
    if (!child?.pid || !this.pid) return
    const exited = new Promise((r) => child.once("exit", r))
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      /* gone */
    }
    await exited
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child?.pid || !this.pid) return
    const exited = new Promise((r) => child.once("exit", r))
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {
      /* gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL")
      } catch {
        /* gone */
      }
    }, 15_000)
    await exited
    clearTimeout(timer)
  }

  /** Resident set size of the process (and any children in its group), from /proc; null when down. */
  rss(): number | null {
    const pid = this.pid
    if (!pid) return null
    let total = 0
    for (const p of groupPids(pid)) {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))
        if (m) total += Number(m[1]) * 1024
      } catch {
        /* exited meanwhile */
      }
    }
    return total
  }
}

function groupPids(pgid: number): number[] {
  const pids: number[] = []
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      // fields after the command name (which may hold spaces): state ppid pgrp …
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      if (Number(rest[2]) === pgid) pids.push(Number(entry))
    } catch {
      /* exited meanwhile */
    }
  }
  return pids
}

export type Cluster = {
  worker: MedusaProcess
  servers: [MedusaProcess, MedusaProcess]
  all: MedusaProcess[]
  stop: () => Promise<void>
}

/** One worker and two servers on the same database and Redis; resolves when all three answer. */
export async function startCluster(env: Record<string, string>, logDir: string, log: (m: string) => void): Promise<Cluster> {
  const [pw, pa, pb] = [await freePort(), await freePort(), await freePort()]
  const worker = new MedusaProcess("worker", "worker", pw, env, logDir)
  const a = new MedusaProcess("server-a", "server", pa, env, logDir)
  const b = new MedusaProcess("server-b", "server", pb, env, logDir)
  const all = [worker, a, b]
  const stop = async () => {
    await Promise.all(all.map((p) => p.stop()))
  }
  try {
    for (const p of all) p.start()
    const times = await Promise.all(all.map((p) => p.ready()))
    log(`cluster: worker :${pw}, server-a :${pa}, server-b :${pb} up (${times.map((t) => `${(t / 1000).toFixed(0)} s`).join(", ")})`)
  } catch (e) {
    await stop()
    throw e
  }
  return { worker, servers: [a, b], all, stop }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
