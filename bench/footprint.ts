// What the plugin costs an idle store, measured as a user has it: the packed plugin installed from
// its tarball into a scratch Medusa store (scripts/scratch-store.js, as `npm run test:install` builds
// one), booted with `medusa start`, against the SAME store (same node_modules, same database) booted
// without the plugin in medusa-config. Admin disabled on both sides (serving it needs `medusa build`;
// the plugin's admin extension only adds files to that bundle).
//
//   npm run bench:footprint -- [--rounds 3] [--build] [--no-alloc]
//
// `--build` rebuilds the plugin first (otherwise an existing .medusa/server build is packed).
// FOOTPRINT_STORE=<dir> reuses (and keeps) a store from an earlier run: only the tarball is reinstalled.
// FOOTPRINT_SNAPSHOT=1 also writes a heap snapshot of each side's first boot to .output/bench/.
// Each boot: /health answers → 5 s of quiet → two full GCs (a preload exposes gc) → process.memoryUsage()
// and the plugin files Node has loaded, with the boot's memory timeline (what it left before those GCs).
// Sides alternate; medians. Then one boot a side under V8's sampling heap profiler (everything the
// boot allocated, collected or not, by the package whose code allocated it), and a breakdown: the
// heap each of the plugin's entry points adds in a plain Node process that first loads what Medusa
// loads anyway.
// Writes .output/bench/footprint.json.
import { spawn, spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { loadNow, loadText, OUTPUT_DIR, writeBenchJson } from "./lib/output"
import { mb } from "./lib/stats"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const scratch = require("../scripts/scratch-store")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort } = require("../scripts/embedded-postgres")

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : dflt
}
const ROUNDS = arg("rounds", 3)
const BUILD = process.argv.includes("--build")
/** skip the two boots under the allocation profiler */
const NO_ALLOC = process.argv.includes("--no-alloc")
const SETTLE_MS = 5_000

const PROBE = `const v8 = require("v8"), vm = require("vm"), fs = require("fs")
v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc")
// the boot's memory every 100 ms: what the process uses and commits on its way up (nothing collects
// the boot's garbage once the store is idle, and V8 keeps the heap it grew for it)
const timeline = [], t0 = Date.now()
const sampler = setInterval(() => {
  const m = process.memoryUsage()
  timeline.push([Date.now() - t0, m.rss, m.heapTotal, m.heapUsed])
}, 100)
sampler.unref()
// FOOTPRINT_ALLOC_TO: every allocation of the boot, collected or not (V8's sampling heap profiler,
// one sample per 16 kB), summed by the package whose code allocated it; a boot of its own
let session = null
if (process.env.FOOTPRINT_ALLOC_TO) {
  session = new (require("inspector").Session)()
  session.connect()
  session.post("HeapProfiler.enable")
  session.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
}
const owner = (frame) => {
  const u = frame.url
  if (!u) return "(V8: " + (frame.functionName || "compiler, builtins") + ")"
  if (u.includes("/medusa-plugin-yilianyun/")) return "medusa-plugin-yilianyun"
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(u)
  if (m) return m[1]
  return u.startsWith("node:internal/modules") || u.startsWith("node:internal/deps/cjs-module-lexer") ? "node: module loading" : u.startsWith("node:") ? "node: other" : u
}
function probe() {
  clearInterval(sampler)
  gc(); gc()
  const m = process.memoryUsage()
  const plugin = Object.keys(require.cache).filter((k) => k.includes("/medusa-plugin-yilianyun/")).map((k) => k.replace(/.*\\/medusa-plugin-yilianyun\\/\\.medusa\\/server\\//, ""))
  if (process.env.FOOTPRINT_SNAPSHOT_TO) v8.writeHeapSnapshot(process.env.FOOTPRINT_SNAPSHOT_TO)
  const all = Object.keys(require.cache)
  fs.writeFileSync(process.env.FOOTPRINT_PROBE_OUT, JSON.stringify({ ...m, modules: all.length, plugin, all, timeline }))
}
process.on("SIGUSR2", () => {
  if (!session) return probe()
  session.post("HeapProfiler.stopSampling", (err, res) => {
    const by = {}
    const walk = (n) => { const k = owner(n.callFrame); by[k] = (by[k] || 0) + n.selfSize; n.children.forEach(walk) }
    if (!err) walk(res.profile.head)
    fs.writeFileSync(process.env.FOOTPRINT_ALLOC_TO, JSON.stringify(err ? { error: String(err.message || err) } : by))
    probe()
  })
})
`

/** Heap each entry point adds, in load order, after what a Medusa process loads anyway. */
const BREAKDOWN = `const v8 = require("v8"), vm = require("vm"), path = require("path"), fs = require("fs")
v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc")
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed }
require("@medusajs/framework"); require("@medusajs/framework/utils"); require("@medusajs/framework/workflows-sdk"); require("@medusajs/framework/http")
require("@medusajs/medusa/core-flows"); require("zod"); require("undici")
const root = path.join(path.dirname(require.resolve("medusa-plugin-yilianyun/package.json")), ".medusa/server/src")
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? (e.name === "__tests__" ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)])
const groups = [
  ["yilianyun (protocol client)", [path.join(root, "yilianyun/index.js")]],
  ["receipt (templates, width, layout, designer, preview)", [path.join(root, "receipt/index.js")]],
  ["modules/yilianyun (module, service, models)", [path.join(root, "modules/yilianyun/index.js")]],
  ["workflows", [path.join(root, "workflows/index.js")]],
  ["subscribers + jobs", [...walk(path.join(root, "subscribers")), ...walk(path.join(root, "jobs"))].filter((f) => f.endsWith(".js"))],
  ["api (routes, middlewares, validators)", walk(path.join(root, "api")).filter((f) => f.endsWith(".js"))],
  ["simulator (not loaded by a store)", [path.join(root, "simulator/index.js")]],
]
const out = { base: heap(), groups: [] }
for (const [name, files] of groups) {
  const before = heap(), modsBefore = Object.keys(require.cache).length
  for (const f of files) require(f)
  out.groups.push({ name, heapBytes: heap() - before, files: Object.keys(require.cache).length - modsBefore })
}
process.stdout.write(JSON.stringify(out) + "\\n")
`

interface Probe {
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
  modules: number
  plugin: string[]
  all?: string[]
  /** [ms since the process started, rss, heapTotal, heapUsed] every 100 ms until the probe */
  timeline?: [number, number, number, number][]
}

/** What the boot left before the probe's forced GCs: the last sample of its timeline. */
function leftByBoot(p: Probe): { rss: number; heapTotal: number; heapUsed: number } {
  const t = p.timeline?.[p.timeline.length - 1]
  return t ? { rss: t[1], heapTotal: t[2], heapUsed: t[3] } : { rss: NaN, heapTotal: NaN, heapUsed: NaN }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}
/** node_modules package of a module path (or the plugin), for the list of what the plugin brings in. */
function packageOf(file: string): string {
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
  return m ? m[1] : file
}

async function boot(
  store: string,
  dbUrl: string,
  work: string,
  label: string,
  { snapshotTo, allocTo }: { snapshotTo?: string; allocTo?: string } = {}
): Promise<Probe> {
  const port = await freePort()
  const out = path.join(work, `probe-${label}-${Date.now()}.json`)
  const child = spawn(process.execPath, ["-r", path.join(work, "probe.js"), scratch.storeCli(store), "start", "-p", String(port)], {
    cwd: store,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      NODE_ENV: "production",
      DATABASE_URL: dbUrl,
      LOG_LEVEL: "error",
      MEDUSA_DISABLE_TELEMETRY: "true",
      FOOTPRINT_PROBE_OUT: out,
      ...(snapshotTo ? { FOOTPRINT_SNAPSHOT_TO: snapshotTo } : {}),
      ...(allocTo ? { FOOTPRINT_ALLOC_TO: allocTo } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  })
  let stderr = ""
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)))
  try {
    const deadline = Date.now() + 180_000
    for (;;) {
      if (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)) break
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the store (${label}) did not come up:\n${stderr}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS))
    child.kill("SIGUSR2")
    const until = Date.now() + (snapshotTo || allocTo ? 120_000 : 20_000)
    while (!fs.existsSync(out) || fs.statSync(out).size === 0) {
      if (Date.now() > until) throw new Error(`no memory probe from the store (${label})`)
      await new Promise((r) => setTimeout(r, 200))
    }
    await new Promise((r) => setTimeout(r, 100))
    return JSON.parse(fs.readFileSync(out, "utf8"))
  } finally {
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {
      /* gone */
    }
    await new Promise((r) => child.exitCode !== null ? r(null) : child.once("exit", r))
  }
}

async function main() {
  const guard = setTimeout(() => (console.error("bench/footprint: gave up after 20 minutes"), process.exit(2)), 20 * 60_000)
  const startLoad = loadNow()
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "yly-footprint-"))
  const keepStore = process.env.FOOTPRINT_STORE
  const store = keepStore ? path.resolve(keepStore) : path.join(work, "store")
  const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", NODE_OPTIONS: "", LOG_LEVEL: "error" }
  const cleanups: Array<() => unknown> = [() => fs.rmSync(work, { recursive: true, force: true })]
  fs.writeFileSync(path.join(work, "probe.js"), PROBE)
  try {
    if (BUILD) {
      console.log("building the plugin (npm run build)…")
      scratch.run("npm", ["run", "build"], { cwd: scratch.ROOT, env })
    }
    // The store keeps its own copy of the tarball, named by its content: a reused store must still
    // find it, and npm reinstalls a dependency only when its spec changes.
    const tarball = scratch.packPlugin(work, env, (m: string) => process.stdout.write(m))
    const hash = createHash("sha256").update(fs.readFileSync(tarball)).digest("hex").slice(0, 12)
    const kept = path.join(store, path.basename(tarball).replace(/\.tgz$/, `-${hash}.tgz`))
    fs.mkdirSync(store, { recursive: true })
    for (const f of fs.readdirSync(store)) if (f.endsWith(".tgz") && path.join(store, f) !== kept) fs.rmSync(path.join(store, f))
    fs.copyFileSync(tarball, kept)
    scratch.writeStore(store, kept, { plugin: true, adminDisabled: true })
    console.log(`installing the scratch store in ${store} (npm install; ~1–2 min when new)…`)
    if (!scratch.installStore(store, env)) throw new Error("the store did not install the plugin")
    const built = (root: string) => fs.readFileSync(path.join(root, ".medusa/server/src/api/middlewares.js"), "utf8")
    if (built(path.join(store, "node_modules/medusa-plugin-yilianyun")) !== built(scratch.ROOT)) {
      throw new Error("the store's installed plugin is not the build just packed")
    }
    const version = JSON.parse(fs.readFileSync(path.join(store, "node_modules/medusa-plugin-yilianyun/package.json"), "utf8")).version
    const db = await scratch.scratchDatabase("yly_bench_footprint", "bench")
    cleanups.unshift(...db.cleanups)
    console.log("migrating (medusa db:migrate, plugin included)…")
    scratch.run(process.execPath, [scratch.storeCli(store), "db:migrate"], { cwd: store, env: { ...env, DATABASE_URL: db.url } })

    const samples: { with: Probe[]; without: Probe[] } = { with: [], without: [] }
    const snapshots: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const sides = round % 2 ? (["with", "without"] as const) : (["without", "with"] as const)
      for (const side of sides) {
        fs.writeFileSync(path.join(store, "medusa-config.ts"), scratch.storeConfig({ plugin: side === "with", adminDisabled: true }))
        let snapshotTo: string | undefined
        if (process.env.FOOTPRINT_SNAPSHOT && round < 2) {
          fs.mkdirSync(OUTPUT_DIR, { recursive: true })
          snapshotTo = path.join(OUTPUT_DIR, `footprint-${side}.heapsnapshot`)
          snapshots.push(snapshotTo)
        }
        const p = await boot(store, db.url, work, side, { snapshotTo })
        if (samples[side].length) delete p.all // the first boot's list is enough
        samples[side].push(p)
        const left = leftByBoot(p)
        console.log(
          `round ${round + 1} ${side.padEnd(7)} plugin: RSS ${mb(p.rss)}, heap ${mb(p.heapUsed)} used of ${mb(p.heapTotal)} committed, external ${mb(p.external)}, ` +
            `${p.modules} CommonJS modules (${p.plugin.length} of the plugin); before the forced GCs: heap ${mb(left.heapUsed)} of ${mb(left.heapTotal)}, RSS ${mb(left.rss)}`
        )
      }
    }
    // One more boot a side under V8's sampling heap profiler (it costs memory itself: these boots'
    // figures are not among the samples): everything the boot allocated, by the package whose code did.
    const alloc: Record<"with" | "without", Record<string, number>> = { with: {}, without: {} }
    if (!NO_ALLOC) {
      for (const side of ["without", "with"] as const) {
        fs.writeFileSync(path.join(store, "medusa-config.ts"), scratch.storeConfig({ plugin: side === "with", adminDisabled: true }))
        const allocTo = path.join(work, `alloc-${side}.json`)
        await boot(store, db.url, work, `${side}-alloc`, { allocTo })
        alloc[side] = JSON.parse(fs.readFileSync(allocTo, "utf8"))
      }
    }
    const allocTotal = (side: "with" | "without") => Object.values(alloc[side]).reduce((a, b) => a + b, 0)
    const allocRows = [...new Set([...Object.keys(alloc.with), ...Object.keys(alloc.without)])]
      .map((k) => ({ owner: k, added: (alloc.with[k] ?? 0) - (alloc.without[k] ?? 0), with: alloc.with[k] ?? 0 }))
      .sort((x, y) => Math.abs(y.added) - Math.abs(x.added))
      .slice(0, 12)
    const leftStat = (side: "with" | "without", key: "rss" | "heapTotal" | "heapUsed") => median(samples[side].map((p) => leftByBoot(p)[key]))

    const stat = (side: "with" | "without", key: keyof Probe) => median(samples[side].map((p) => p[key] as number))
    const delta = (key: keyof Probe) => stat("with", key) - stat("without", key)
    const pluginFiles = samples.with[0].plugin.sort()
    // modules other than the plugin's own that only the store with the plugin loads, by package
    const withoutSet = new Set(samples.without[0].all)
    const extra: Record<string, number> = {}
    for (const f of samples.with[0].all ?? []) {
      if (withoutSet.has(f) || f.includes("/medusa-plugin-yilianyun/")) continue
      extra[packageOf(f)] = (extra[packageOf(f)] ?? 0) + 1
    }
    delete samples.with[0].all
    delete samples.without[0].all
    const spread = (side: "with" | "without", key: "rss" | "heapUsed") => samples[side].map((p) => mb(p[key])).join(" / ")

    // inside the store, so that it resolves the store's packages
    const breakdownFile = path.join(store, ".footprint-breakdown.js")
    fs.writeFileSync(breakdownFile, BREAKDOWN)
    const br = spawnSync(process.execPath, [breakdownFile], { cwd: store, env, encoding: "utf8" })
    fs.rmSync(breakdownFile, { force: true })
    const breakdown = br.status === 0 ? JSON.parse(br.stdout.trim().split("\n").pop()!) : { error: br.stderr.slice(-2000) }

    const endLoad = loadNow()
    console.log(`\nbench/footprint — medusa-plugin-yilianyun ${version} installed from its tarball, idle \`medusa start\` (admin off), medians of ${ROUNDS}`)
    console.log(`  store without the plugin   RSS ${mb(stat("without", "rss"))} (${spread("without", "rss")})   heap ${mb(stat("without", "heapUsed"))} (${spread("without", "heapUsed")})   (baseline, same store and database)`)
    console.log(`  store with the plugin      RSS ${mb(stat("with", "rss"))} (${spread("with", "rss")})   heap ${mb(stat("with", "heapUsed"))} (${spread("with", "heapUsed")})`)
    console.log(`  → the plugin adds RSS ${mb(delta("rss"))}, heap ${mb(delta("heapUsed"))}, external ${mb(delta("external"))}, ${delta("modules")} modules`)
    console.log(`  plugin files loaded at start-up: ${pluginFiles.length} (${summariseFiles(pluginFiles)})`)
    console.log(`  other modules only the store with the plugin loads: ${Object.entries(extra).map(([k, n]) => `${k} ${n}`).join(", ") || "none"}`)
    if (breakdown.groups) {
      console.log(`  heap each entry point adds in a plain Node process (Medusa's own packages loaded first, in this order):`)
      for (const g of breakdown.groups) console.log(`    ${g.name.padEnd(58)} ${(g.heapBytes / 1024 / 1024).toFixed(2).padStart(6)} MB   ${g.files} files`)
    } else console.log(`  breakdown failed: ${breakdown.error}`)
    console.log(
      `  what the idle boot left before the probe's GCs (medians): heap ${mb(leftStat("without", "heapUsed"))} → ${mb(leftStat("with", "heapUsed"))} used, ` +
        `${mb(leftStat("without", "heapTotal"))} → ${mb(leftStat("with", "heapTotal"))} committed, RSS ${mb(leftStat("without", "rss"))} → ${mb(leftStat("with", "rss"))} ` +
        `(an idle store runs no GC: the boot's garbage stays, and the heap V8 grew for it stays committed after it is collected)`
    )
    if (!NO_ALLOC) {
      console.log(`  allocated during the boot (sampled, collected or not): ${mb(allocTotal("without"))} without → ${mb(allocTotal("with"))} with the plugin; the largest differences, by the code that allocated:`)
      for (const r of allocRows) console.log(`    ${(r.added >= 0 ? "+" : "") + (r.added / 1024 / 1024).toFixed(1).padStart(6)} MB   ${r.owner} (${mb(r.with)} with the plugin)`)
    }
    if (snapshots.length) console.log(`  heap snapshots: ${snapshots.join(", ")} (open in Chrome DevTools → Memory, compare)`)
    console.log(`  ${loadText(endLoad)} at the end (${loadText(startLoad)} at the start)`)
    writeBenchJson("footprint", {
      startLoad,
      figures: {
        withPlugin: { rss: stat("with", "rss"), heapUsed: stat("with", "heapUsed"), external: stat("with", "external"), modules: stat("with", "modules") },
        added: { rss: delta("rss"), heapUsed: delta("heapUsed"), external: delta("external"), modules: delta("modules") },
        pluginFilesLoaded: pluginFiles,
        otherModulesLoaded: extra,
        breakdown,
        leftByBoot: {
          without: { rss: leftStat("without", "rss"), heapTotal: leftStat("without", "heapTotal"), heapUsed: leftStat("without", "heapUsed") },
          with: { rss: leftStat("with", "rss"), heapTotal: leftStat("with", "heapTotal"), heapUsed: leftStat("with", "heapUsed") },
        },
        bootAllocation: NO_ALLOC ? null : { without: allocTotal("without"), with: allocTotal("with"), largestDifferences: allocRows },
        samples,
      },
      baseline: { name: "the same installed store without the plugin in medusa-config", rss: stat("without", "rss"), heapUsed: stat("without", "heapUsed") },
      notes: ["admin disabled on both sides", "medusa start, NODE_ENV=production, idle 5 s after /health, after two full GCs"],
      readme: [
        {
          bench: "`bench/footprint.ts` — the packed plugin installed in a scratch store, idle `medusa start` (admin off), medians of " + ROUNDS + " boots a side",
          figure: `the plugin adds **${mb(delta("rss"))} RSS**, ${mb(delta("heapUsed"))} heap (${pluginFiles.length} of its files loaded)`,
          baseline: `the same store without the plugin: ${mb(stat("without", "rss"))} RSS, ${mb(stat("without", "heapUsed"))} heap`,
          target: `≤ 15 MB: ${delta("rss") <= 15 * 1024 * 1024 ? "met" : "not met"} for RSS; the heap the plugin uses (+${mb(delta("heapUsed"))}) ${delta("heapUsed") <= 15 * 1024 * 1024 ? "is within it" : "is not"}`,
        },
      ],
    })
    if (keepStore) console.log(`  store kept in ${store}`)
  } finally {
    clearTimeout(guard)
    for (const fn of cleanups) await Promise.resolve(fn()).catch(() => undefined)
  }
}

function summariseFiles(files: string[]): string {
  const groups = new Map<string, number>()
  for (const f of files) {
    const key = f.split("/").slice(0, 2).join("/")
    groups.set(key, (groups.get(key) ?? 0) + 1)
  }
  return [...groups].map(([k, n]) => `${k} ${n}`).join(", ")
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
