import { spawnSync } from "node:child_process"
import * as path from "node:path"

/**
 * Medusa imports every route file and the middlewares at start-up. The admin's zod validators
 * (≈2 MB of heap once built) must not come with them: the middlewares build them on the first
 * admin request (src/api/middlewares.ts), so a value import of a validators file from a route or a
 * helper would quietly build them in every store that only prints. Checked in a fresh Node
 * process (jest's own module registry would hide what Node loads), with the TypeScript sources.
 */
const ROOT = path.resolve(__dirname, "../../..")

const LOADER = `
const fs = require("fs"), path = require("path")
const api = path.join(${JSON.stringify(ROOT)}, "src/api")
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (e.name === "__tests__" ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)])
const entries = walk(api).filter((f) => /(^|\\/)(route|middlewares)\\.ts$/.test(f))
for (const f of entries) require(f)
const loaded = () => Object.keys(require.cache).filter((k) => k.startsWith(api) && /validators\\.ts$/.test(k)).map((k) => path.relative(api, k))
const atStart = loaded()
// the check itself must see a validators file once one is loaded
require(path.join(api, "admin/yilianyun/validators.ts"))
process.stdout.write(JSON.stringify({ entries: entries.length, atStart, afterLoading: loaded() }))
`

describe("what the API loads at start-up", () => {
  it("loads every route file and the middlewares without building the admin validators", () => {
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", LOADER], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: "", TS_NODE_TRANSPILE_ONLY: "true" },
      encoding: "utf8",
      timeout: 120_000,
    })
    expect(run.stderr.slice(-2000)).toBe("")
    const out = JSON.parse(run.stdout) as { entries: number; atStart: string[]; afterLoading: string[] }
    expect(out.entries).toBeGreaterThan(30)
    expect(out.atStart).toEqual([])
    expect(out.afterLoading).toEqual(["admin/yilianyun/validators.ts"])
  }, 150_000)
})
