// The browser for the browser test, from the npm registry alone: `@sparticuz/chromium` ships a
// compressed headless Chromium for Linux x64 (no install script, no download) and
// `@embedpdf/fonts-sc` a CJK font, so Chinese screenshots show text instead of tofu boxes. Prepared
// once per jest run by the global setup (unpacking twice at once could collide); the spec reads
// the result from the environment. `CHROMIUM_PATH` points at another Chromium instead.
const fs = require("node:fs")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "../..")
/** git-ignored; a dot-folder, so `medusa develop` does not restart on writes there */
const CACHE = path.join(ROOT, ".cache")

function fontconfigFile() {
  // the package exports only its entry (dist/index.cjs); the .otf files sit in ../fonts
  const fontsDir = path.resolve(path.dirname(require.resolve("@embedpdf/fonts-sc", { paths: [ROOT] })), "..", "fonts")
  const file = path.join(CACHE, "fontconfig", "fonts.conf")
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const xml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;")
  const lines = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    "<fontconfig>",
    // the system's own configuration and fonts when there are any (a fresh container may have none)
    ...(fs.existsSync("/etc/fonts/fonts.conf") ? ['  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'] : []),
    `  <dir>${xml(fontsDir)}</dir>`,
    // the Latin fonts @sparticuz/chromium unpacks beside its binary
    `  <dir>${xml(path.join(CACHE, "chromium", "fonts"))}</dir>`,
    `  <cachedir>${xml(path.join(CACHE, "fontconfig", "cache"))}</cachedir>`,
    "</fontconfig>",
    "",
  ]
  fs.writeFileSync(file, lines.join("\n"))
  return file
}

/**
 * Sets YLY_CHROMIUM_PATH (the binary), YLY_CHROMIUM_ARGS (JSON) and FONTCONFIG_FILE, or
 * YLY_CHROMIUM_ERROR (a sentence the browser suite fails with) — never throws, so the other suites
 * still run on a machine where the browser cannot.
 */
async function prepareBrowser() {
  if (process.env.CHROMIUM_PATH) {
    if (!fs.existsSync(process.env.CHROMIUM_PATH)) {
      process.env.YLY_CHROMIUM_ERROR = `CHROMIUM_PATH points at ${process.env.CHROMIUM_PATH}, which does not exist.`
      return "CHROMIUM_PATH (missing)"
    }
    process.env.YLY_CHROMIUM_PATH = process.env.CHROMIUM_PATH
    process.env.YLY_CHROMIUM_ARGS = JSON.stringify(["--no-sandbox", "--disable-dev-shm-usage"])
    return `CHROMIUM_PATH (${process.env.CHROMIUM_PATH})`
  }
  if (process.platform !== "linux" || process.arch !== "x64") {
    process.env.YLY_CHROMIUM_ERROR =
      `The browser test's Chromium comes from the npm package @sparticuz/chromium, a Linux x64 build that cannot run on ${process.platform}-${process.arch}. ` +
      "Set CHROMIUM_PATH to a Chrome or Chromium binary (on macOS e.g. \"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\"), " +
      "or run the other suites with TEST_TYPE=unit|protocol|scripts|integration:http."
    return "none on this platform (set CHROMIUM_PATH)"
  }
  const mod = require(require.resolve("@sparticuz/chromium", { paths: [ROOT] }))
  const chromium = mod.default ?? mod
  // the package unpacks into os.tmpdir(): a folder of this checkout, not another project's copy
  const dir = path.join(CACHE, "chromium")
  fs.mkdirSync(dir, { recursive: true })
  const previous = process.env.TMPDIR
  process.env.TMPDIR = dir
  try {
    process.env.YLY_CHROMIUM_PATH = await chromium.executablePath()
  } catch (e) {
    process.env.YLY_CHROMIUM_ERROR = `@sparticuz/chromium could not unpack its browser into ${dir}: ${e?.message ?? e}. Set CHROMIUM_PATH to use another Chromium.`
    return "none (unpacking failed)"
  } finally {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
  }
  // --single-process: closing a browser context would take the whole browser down with it
  process.env.YLY_CHROMIUM_ARGS = JSON.stringify(chromium.args.filter((a) => a !== "--single-process"))
  process.env.FONTCONFIG_FILE = fontconfigFile()
  return `@sparticuz/chromium (${process.env.YLY_CHROMIUM_PATH})`
}

module.exports = { prepareBrowser }
