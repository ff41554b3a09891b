#!/usr/bin/env node
// `npm run test:install` (run by CI): does the published package install into a separate store?
// npm pack → a scratch Medusa store assembled from registry packages in the OS temp dir → npm
// install of the tarball → medusa db:migrate creates the plugin's tables → medusa develop boots and
// the plugin's routes answer → medusa build puts the plugin's admin extension in the store's admin.
// Uses DATABASE_URL's server when set, else an embedded PostgreSQL. Prints "N passed, N failed".
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { freePort } = require("./embedded-postgres")
const { packPlugin, run, scratchDatabase, storeCli, writeStore, installStore } = require("./scratch-store")

const results = []
const check = (name, ok, detail = "") => {
  results.push(ok)
  process.stdout.write(`${ok ? "✓" : "✗"} ${name}${ok || !detail ? "" : `\n    ${detail}`}\n`)
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
    const tarball = packPlugin(work, env)
    const files = run("tar", ["tzf", tarball])
    check("the tarball leaves out tests and the repository's own config", !/__tests__|integration-tests|medusa-config|\/bench\//.test(files))

    // 2. a scratch store from registry packages
    writeStore(store, tarball)
    process.stdout.write("installing the scratch store (npm install, ~1–2 min)…\n")
    check("the store installs the tarball", installStore(store, env))

    // 3. database + migrations
    const database = await scratchDatabase("yly_install", "install")
    cleanups.unshift(...database.cleanups)
    const dbUrl = database.url
    const { default: PG } = await import("pg")
    const cli = storeCli(store)
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
