// A scratch Medusa store in the OS temp dir with the packed plugin installed from its tarball, as a
// user has it: shared by `npm run test:install` (does the package install and boot?) and
// `npm run bench:footprint` (what does it cost an idle store?).
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { startEmbeddedPostgres } = require("./embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const pkg = require(path.join(ROOT, "package.json"))
const MEDUSA = pkg.devDependencies["@medusajs/medusa"]
const PLUGIN_OPTIONS = { clientId: "1000000001", clientSecret: "51a1a70551a1a70551a1a70551a1a705" }

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${(r.stderr || "").slice(-3000)}\n${(r.stdout || "").slice(-2000)}`)
  return r.stdout
}

/** The tarball as npm would publish it (building the plugin first when it has no build); returns its path. */
function packPlugin(dest, env, log = (m) => process.stdout.write(m)) {
  if (!fs.existsSync(path.join(ROOT, ".medusa/server/src/admin/index.js"))) {
    log("building the plugin (npm run build: backend and admin bundle, ~1 min)…\n")
    run("npm", ["run", "build"], { cwd: ROOT, env })
  }
  log("packing it (npm pack)…\n")
  return path.join(dest, run("npm", ["pack", "--pack-destination", dest], { cwd: ROOT, env }).trim().split("\n").pop())
}

/**
 * medusa-config.ts of the scratch store: with the plugin (`plugin: true`) or the same store without it.
 * `adminDisabled` leaves the admin out (serving it needs `medusa build`).
 */
function storeConfig({ plugin = true, adminDisabled = false, pluginOptions = PLUGIN_OPTIONS } = {}) {
  return `import { defineConfig } from "@medusajs/framework/utils"
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "scratch", cookieSecret: "scratch" },
  },${adminDisabled ? "\n  admin: { disable: true }," : ""}
  plugins: [${plugin ? `{ resolve: "medusa-plugin-yilianyun", options: ${JSON.stringify(pluginOptions)} }` : ""}],
})
`
}

/** Writes the store's package.json (registry packages + the tarball), tsconfig and medusa-config.ts. */
function writeStore(store, tarball, configOptions = {}) {
  fs.mkdirSync(store, { recursive: true })
  fs.writeFileSync(
    path.join(store, "package.json"),
    JSON.stringify(
      {
        name: "scratch-store",
        private: true,
        dependencies: {
          "@medusajs/admin-sdk": MEDUSA,
          "@medusajs/cli": MEDUSA,
          "@medusajs/framework": MEDUSA,
          "@medusajs/medusa": MEDUSA,
          "medusa-plugin-yilianyun": `file:${tarball}`,
        },
        devDependencies: {
          "@swc/core": pkg.devDependencies["@swc/core"],
          "@types/node": pkg.devDependencies["@types/node"],
          "ts-node": pkg.devDependencies["ts-node"],
          typescript: pkg.devDependencies.typescript,
          vite: pkg.devDependencies.vite,
        },
        engines: pkg.engines,
      },
      null,
      2
    )
  )
  fs.writeFileSync(
    path.join(store, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2021", esModuleInterop: true, module: "Node16", moduleResolution: "Node16",
        experimentalDecorators: true, skipLibCheck: true, outDir: "./.medusa/server", rootDir: "./",
        jsx: "react-jsx", resolveJsonModule: true, strict: true,
      },
      "ts-node": { swc: true },
      include: ["**/*", ".medusa/types/*"],
      exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
    })
  )
  fs.writeFileSync(path.join(store, "medusa-config.ts"), storeConfig(configOptions))
}

/** npm install in the store (~1–2 min on a fresh cache). */
function installStore(store, env) {
  run("npm", ["install", "--no-audit", "--no-fund"], { cwd: store, env })
  return fs.existsSync(path.join(store, "node_modules/medusa-plugin-yilianyun/package.json"))
}

/**
 * A fresh database on DATABASE_URL's server when set, else on an embedded PostgreSQL started here.
 * Returns its URL and the cleanups to run (drop, then stop), newest first.
 */
async function scratchDatabase(name, purpose) {
  const cleanups = []
  let server = process.env.DATABASE_URL?.replace(/\/[^/]*$/, "")
  if (!server) {
    const pg = await startEmbeddedPostgres({ purpose })
    cleanups.unshift(() => pg.stop())
    server = pg.url
  }
  const db = `${name}_${Date.now()}`
  const { default: PG } = await import("pg")
  const admin = new PG.Client({ connectionString: `${server}/postgres` })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${db}"`)
  await admin.end()
  cleanups.unshift(async () => {
    const c = new PG.Client({ connectionString: `${server}/postgres` })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
    await c.end()
  })
  return { url: `${server}/${db}`, cleanups }
}

const storeCli = (store) => path.join(store, "node_modules/@medusajs/cli/cli.js")

module.exports = { ROOT, PLUGIN_OPTIONS, run, packPlugin, storeConfig, writeStore, installStore, scratchDatabase, storeCli }
