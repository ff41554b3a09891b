import { spawn, spawnSync } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startEmbeddedPostgres } = require("../../scripts/embedded-postgres")

export const ROOT = path.resolve(__dirname, "../..")
const CLI = require.resolve("@medusajs/cli/cli.js")

/**
 * A fresh database for a benchmark: on DATABASE_URL's server when set, otherwise on an embedded
 * PostgreSQL started for the run. Returns its URL and a cleanup.
 */
export async function benchDatabase(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  let server = process.env.DATABASE_URL?.replace(/\/[^/]*$/, "")
  let embedded: { stop: () => Promise<void>; url: string } | null = null
  if (!server) {
    embedded = await startEmbeddedPostgres({ purpose: "bench" })
    server = embedded!.url
  }
  const db = `${name}_${Date.now()}`
  const { default: pg } = await import("pg")
  const admin = new pg.Client({ connectionString: `${server}/postgres` })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${db}"`)
  await admin.end()
  const url = `${server}/${db}`
  const migrate = spawnSync(process.execPath, [CLI, "db:migrate"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true" },
    encoding: "utf8",
  })
  if (migrate.status !== 0) throw new Error(`medusa db:migrate failed:\n${migrate.stderr}\n${migrate.stdout}`)
  return {
    url,
    stop: async () => {
      const c = new pg.Client({ connectionString: `${server}/postgres` })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
      await c.end()
      await embedded?.stop()
    },
  }
}

/**
 * Runs `medusa exec <script>` in `cwd` and yields the JSON lines it prints (non-JSON lines are
 * Medusa's own output and are ignored).
 */
export function medusaExec(
  script: string,
  env: Record<string, string>,
  onMessage: (msg: any) => void,
  cwd = ROOT
): Promise<void> {
  const child = spawn(process.execPath, ["--expose-gc", CLI, "exec", script], {
    cwd,
    env: { ...process.env, LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true", NODE_OPTIONS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stderr = ""
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)))
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return
    try {
      onMessage(JSON.parse(line))
    } catch {
      /* not ours */
    }
  })
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`medusa exec ${script} exited ${code}:\n${stderr}`))))
  })
}
