#!/usr/bin/env node
// `npm run test:install` (run by CI): does the published package install into a separate store?
// npm pack → a scratch Medusa store assembled from registry packages in the OS temp dir → npm
// install of the tarball → medusa db:migrate creates the plugin's tables → medusa develop boots and
// the plugin's routes answer → medusa build puts the plugin's admin extension in the store's admin.
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL. Prints "N passed, N failed".
const { spawnSync, spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { startEmbeddedPostgres, freePort } = require("./embedded-postgres")

const ROOT = path.resolve(__dirname, "..")
const pkg = require(path.join(ROOT, "package.json"))
const MEDUSA = pkg.devDependencies["@medusajs/medusa"]
const results = []
const check = (name, ok, detail = "") => {
  results.push(ok)
  process.stdout.write(`${ok ? "✓" : "✗"} ${name}${ok || !detail ? "" : `\n    ${detail}`}\n`)
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${(r.stderr || "").slice(-3000)}\n${(r.stdout || "").slice(-2000)}`)
  return r.stdout
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "yly-install-"))
  const store = path.join(work, "store")
  fs.mkdirSync(store)
  const cleanups = [() => fs.rmSync(work, { recursive: true, force: true })]
  const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", NODE_OPTIONS: "", LOG_LEVEL: "error" }
  try {
    // 1. the tarball, as npm would publish it (prepublishOnly builds it)
    process.stdout.write(`checking that the packed plugin installs into a separate store (scratch folder ${work})\n`)
    if (!fs.existsSync(path.join(ROOT, ".medusa/server/src/admin/index.js"))) {
      process.stdout.write("building the plugin (npm run build: backend and admin bundle, ~1 min)…\n")
      run("npm", ["run", "build"], { cwd: ROOT, env })
    }
    process.stdout.write("packing it (npm pack)…\n")
    const tarball = path.join(work, run("npm", ["pack", "--pack-destination", work], { cwd: ROOT, env }).trim().split("\n").pop())
    const files = run("tar", ["tzf", tarball])
    check("the tarball leaves out tests and the repository's own config", !/__tests__|integration-tests|medusa-config|\/bench\//.test(files))

    // 2. a scratch store from registry packages
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
    fs.writeFileSync(
      path.join(store, "medusa-config.ts"),
      `import { defineConfig } from "@medusajs/framework/utils"
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { storeCors: "*", adminCors: "*", authCors: "*", jwtSecret: "scratch", cookieSecret: "scratch" },
  },
  plugins: [{ resolve: "medusa-plugin-yilianyun", options: { clientId: "1000000001", clientSecret: "51a1a70551a1a70551a1a70551a1a705" } }],
})
`
    )
    process.stdout.write("installing the scratch store (npm install, ~1–2 min)…\n")
    run("npm", ["install", "--no-audit", "--no-fund"], { cwd: store, env })
    check("the store installs the tarball", fs.existsSync(path.join(store, "node_modules/medusa-plugin-yilianyun/package.json")))

    // 3. database + migrations
    let server = process.env.DATABASE_URL?.replace(/\/[^/]*$/, "")
    if (!server) {
      const pg = await startEmbeddedPostgres({ purpose: "install" })
      cleanups.unshift(() => pg.stop())
      server = pg.url
    }
    const db = `yly_install_${Date.now()}`
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
    const dbUrl = `${server}/${db}`
    const cli = path.join(store, "node_modules/@medusajs/cli/cli.js")
    process.stdout.write("migrating the store's database (medusa db:migrate)…\n")
    run(process.execPath, [cli, "db:migrate"], { cwd: store, env: { ...env, DATABASE_URL: dbUrl } })
    const c = new PG.Client({ connectionString: dbUrl })
    await c.connect()
    const tables = (await c.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'yly_%' ORDER BY 1")).rows.map((r) => r.tablename)
    await c.end()
    check(`medusa db:migrate creates the plugin's tables (${tables.join(", ")})`, tables.includes("yly_printer") && tables.includes("yly_print_job"))

    // 4. boot and ask the plugin's routes
    const port = await freePort()
    process.stdout.write(`starting the store (medusa develop on port ${port})…\n`)
    const child = spawn(process.execPath, [cli, "develop", "-p", String(port)], {
      cwd: store,
      env: { ...env, DATABASE_URL: dbUrl },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    })
    let stderr = ""
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)))
    cleanups.unshift(async () => {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {}
    })
    const base = `http://localhost:${port}`
    const deadline = Date.now() + 180_000
    let up = false
    while (Date.now() < deadline && child.exitCode === null) {
      up = await fetch(`${base}/health`).then((r) => r.ok, () => false)
      if (up) break
      await new Promise((r) => setTimeout(r, 1000))
    }
    check("the store boots with the plugin", up, stderr)
    if (up) {
      const probe = await fetch(`${base}/hooks/yilianyun`).then((r) => r.json(), () => null)
      check('GET /hooks/yilianyun answers {"data":"OK"}', probe?.data === "OK", JSON.stringify(probe))
      const badPush = await fetch(`${base}/hooks/yilianyun`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `cmd=oauth_printStatus&machine_code=4004000001&online=1&push_time=${Math.floor(Date.now() / 1000)}&sign=00`,
      })
      check("a push with a wrong sign is refused with 401", badPush.status === 401, String(badPush.status))
      const status = await fetch(`${base}/admin/yilianyun/status`)
      check("the admin routes are there and need a login (401)", status.status === 401, String(status.status))
    }
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {}

    // 5. the store's admin build carries the plugin's extension
    process.stdout.write("building the store's admin (medusa build, ~1 min)…\n")
    run(process.execPath, [cli, "build"], { cwd: store, env: { ...env, DATABASE_URL: dbUrl } })
    const assets = path.join(store, ".medusa/server/public/admin/assets")
    const bundle = fs.existsSync(assets)
      ? fs.readdirSync(assets).filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(assets, f), "utf8")).join("\n")
      : ""
    // the extension's own API paths appear only if the plugin's admin code was bundled
    check(
      "the store's admin build contains the plugin's settings page and order widget",
      bundle.includes("/admin/yilianyun/printers") && bundle.includes("/admin/yilianyun/orders/")
    )
  } finally {
    for (const fn of cleanups) await Promise.resolve(fn()).catch(() => undefined)
  }
  const passed = results.filter(Boolean).length
  process.stdout.write(`\n${passed} passed, ${results.length - passed} failed\n`)
  process.exit(results.length - passed ? 1 : 0)
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`)
  process.stdout.write(`\n0 passed, 1 failed\n`)
  process.exit(1)
})
