import * as fs from "node:fs"
import * as path from "node:path"
import type { Browser, Page } from "playwright-core"
import { SimulatorControl } from "../../src/simulator"
import { placeOrderViaStoreApi, TestStore } from "../helpers/store"
import { Seeded, startStack, Stack } from "./stack"

/**
 * The merchant's path through the admin, in a real browser against the seeded demo store under
 * `medusa develop` with a Yilianyun simulator: log in, add a printer, see it online, test print,
 * open an order and reprint it, see a failed job and retry it. Screenshots go to
 * .output/browser/ (a dot-folder: the dev server ignores writes there).
 *
 * To iterate against a stack you started yourself, set YLY_BROWSER_URL, YLY_BROWSER_SIM_URL and
 * YLY_BROWSER_SEED (the JSON of the seed's SEED_RESULT line).
 */

jest.setTimeout(900_000)

const SHOTS = path.resolve(__dirname, "../../.output/browser")
const PASSWORD = process.env.YLY_SEED_ADMIN_PASSWORD || "supersecret"
const UI_TIMEOUT = 30_000

let stack: Pick<Stack, "url" | "seeded"> & { sim: { control: SimulatorControl }; stop: () => Promise<void>; logDir?: string }
let browser: Browser
let page: Page
let shot = 0
const domWarnings: string[] = []
// kept with the test's logs: printed when a step fails (integration-tests/quiet-environment.js)
const log = (msg: string) => console.info(`[browser test] ${msg}`)

/** a full-page screenshot; the admin scrolls inside its own container, so `focus` is scrolled into view first */
async function screenshot(name: string, focus?: ReturnType<Page["locator"]>) {
  if (focus) await focus.scrollIntoViewIfNeeded().catch(() => undefined)
  shot += 1
  // evidence, not an assertion: on a loaded machine a full-page capture can take long, and that
  // says nothing about the admin (logged with the test's logs, shown if a step fails)
  const file = path.join(SHOTS, `${String(shot).padStart(2, "0")}-${name}.png`)
  await page.screenshot({ path: file, fullPage: true, timeout: 60_000 }).catch((e) => log(`no screenshot ${file}: ${(e as Error).message.split("\n")[0]}`))
}

/** the Store API the way a shopper's browser uses it, through fetch */
function storeApi(url: string) {
  return {
    post: async (p: string, body: unknown, opts: { headers?: Record<string, string> } = {}) => {
      const res = await fetch(`${url}${p}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(opts.headers ?? {}) },
        body: JSON.stringify(body),
      })
      const data = await res.json()
      if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(data)}`)
      return { data }
    },
  }
}

const testStore = (s: Seeded): TestStore =>
  ({
    regionId: s.region_id,
    salesChannelId: s.sales_channel_id,
    publishableKey: s.publishable_key,
    shippingOptionId: s.shipping_option_id,
  }) as TestStore

async function placeOrder(items: { sku: string; quantity: number }[]) {
  const order = await placeOrderViaStoreApi(
    storeApi(stack.url),
    testStore(stack.seeded),
    items.map((i) => ({ variant_id: stack.seeded.variants[i.sku], quantity: i.quantity })),
    { email: "customer@example.com" }
  )
  log(`order #${order.display_id} placed`)
  return order
}

/** picks an option of a Radix select whose trigger has this id */
async function choose(triggerId: string, option: string | RegExp) {
  await page.locator(`#${triggerId}`).click()
  await page.getByRole("option", { name: option }).first().click()
}

/**
 * Opens a page of the admin and waits until `ready` shows. The dev server restarts when a file of
 * the checkout changes and Vite may re-optimize its dependencies; a page caught in the middle is
 * reloaded, up to `totalMs`.
 */
async function open(url: string, ready: string, totalMs = 120_000) {
  const deadline = Date.now() + totalMs
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { timeout: Math.max(10_000, deadline - Date.now()) })
      await page.locator(ready).first().waitFor({ timeout: Math.min(90_000, Math.max(5_000, deadline - Date.now())) })
      return
    } catch (e) {
      if (Date.now() >= deadline) throw e
      log(`${url} not ready (attempt ${attempt}): ${(e as Error).message.split("\n")[0]} — reloading`)
    }
  }
}

const settings = () => open(`${stack.url}/app/settings/yilianyun`, "[data-testid=yly-settings]")

beforeAll(async () => {
  // prepared once by the jest global setup (integration-tests/browser/chromium.js)
  if (process.env.YLY_CHROMIUM_ERROR) throw new Error(process.env.YLY_CHROMIUM_ERROR)
  const executablePath = process.env.YLY_CHROMIUM_PATH
  if (!executablePath) throw new Error("No browser was prepared: run the browser test through jest (npm test), or set CHROMIUM_PATH.")
  fs.mkdirSync(SHOTS, { recursive: true })
  if (process.env.YLY_BROWSER_URL) {
    stack = {
      url: process.env.YLY_BROWSER_URL,
      sim: { control: new SimulatorControl(process.env.YLY_BROWSER_SIM_URL!) },
      seeded: JSON.parse(process.env.YLY_BROWSER_SEED!),
      stop: async () => undefined,
    }
  } else {
    const started = Date.now()
    stack = await startStack({ onStep: (m) => log(`${m} (${Math.round((Date.now() - started) / 1000)} s)`) })
    log(`stack ready in ${Math.round((Date.now() - started) / 1000)} s; logs in ${stack.logDir}`)
  }
  const { chromium } = await import("playwright-core")
  browser = await chromium.launch({ executablePath, args: JSON.parse(process.env.YLY_CHROMIUM_ARGS ?? "[]") })
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: "en-US" })
  page.setDefaultTimeout(UI_TIMEOUT)
  // React's development warnings about invalid markup (a <div> inside a <p>…) in the plugin's own
  // components, for the last step. The dashboard's order summary ("Cost") has one of its own.
  page.on("console", (m) => {
    const text = m.text()
    if (/validateDOMNesting|cannot appear as a (descendant|child) of/.test(text) && /\/src\/admin\//.test(text)) domWarnings.push(text.slice(0, 1500))
  })
})

afterAll(async () => {
  await browser?.close().catch(() => undefined)
  await stack?.stop()
  log(`screenshots in ${SHOTS}`)
})

/** the steps build on each other: after a failure the rest report it at once instead of timing out */
let failedStep: string | null = null
function step(name: string, fn: () => Promise<void>) {
  it(name, async () => {
    if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`)
    try {
      await fn()
    } catch (e) {
      failedStep = name
      await screenshot(`FAILED-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}`).catch(() => undefined)
      throw e
    }
  })
}

describe("the admin of a store printing on Yilianyun", () => {
  let machineCode: string
  let orderId: string
  let displayId: number

  step("logs in (the first Vite load of the admin takes up to a minute)", async () => {
    const started = Date.now()
    await open(`${stack.url}/app/login`, "input[name=email]", 360_000)
    log(`login page after ${Math.round((Date.now() - started) / 1000)} s`)
    await page.fill("input[name=email]", stack.seeded.admin_email)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.waitForURL(/\/app\/orders/, { timeout: 120_000 })
  })

  step("shows the connection as configured, with the token budget", async () => {
    await settings()
    const connection = page.getByTestId("yly-connection")
    await expectText(connection.getByTestId("yly-configured"), /Yes/)
    await expectText(connection.getByTestId("yly-fetches"), /of 20 used in the last 24 hours/)
    await expectText(connection, /Registered/) // the push URL, registered at start-up
    await expectText(connection.getByTestId("yly-fetches-left"), /\d+ left/)
    // each push command the (v1) API registers, with its registration
    await expectCount(connection.getByTestId("yly-push-command")).toHaveCount(4)
    await expectText(connection.locator('[data-testid=yly-push-command][data-cmd=oauth_finish]'), /Registered .*\d/)
    // the clock measured from the cloud's answers: the simulator's is ours
    await expectText(connection.getByTestId("yly-clock-offset"), /In step with Yilianyun's clock \(\d+\.\d s\)/)
    await expectCount(connection.getByTestId("yly-clock-warning")).toHaveCount(0)
    await expectText(connection.getByTestId("yly-push-refusals-none"), /None/)
    await expectCount(connection.getByTestId("yly-token-alert")).toHaveCount(0)
    await expectText(page.getByTestId("yly-printers"), /No printers yet/)
    await screenshot("settings-empty")
  })

  step("counts a push with a wrong signature among the refused pushes, saying what it means", async () => {
    // someone posts to the push URL without the app's secret; the cloud's simulator delivers it
    // up to three times, as the cloud does with a push that is not acknowledged
    const sent = await stack.sim.control.sendPush("oauth_printStatus", { machine_code: "4004999999", online: 0 }, { sign: "f".repeat(32) })
    expect(sent.attempts.length).toBeGreaterThan(0)
    expect(sent.attempts.every((a) => a.httpStatus === 401)).toBe(true)
    await settings()
    const row = page.getByTestId("yly-connection").locator("[data-testid=yly-push-refusal][data-reason=bad_sign]")
    await expectText(row, /Bad signature/)
    await expectText(row, new RegExp(`${sent.attempts.length} times?, last .*\\(oauth_printStatus\\)`))
    await expectText(row, /clientSecret/)
    await screenshot("connection-refused-push", page.getByTestId("yly-connection"))
  })

  step("adds a printer on the simulator, with a wrong key answered next to the key field", async () => {
    const device = await stack.sim.control.addDevice({ model: "K4", paperWidth: 58 })
    machineCode = device.machineCode
    await page.getByTestId("yly-add-printer").click()
    await page.locator("#machine_code").fill(machineCode)
    await page.locator("#msign").fill("0000wrongkey")
    await page.locator("#name").fill("前台 Front desk")
    await page.getByTestId("yly-printer-save").click()
    const keyError = page.locator('[data-field-error="msign"]')
    await expectText(keyError, /key|msign|密钥/i)
    await screenshot("add-printer-wrong-key")

    await page.locator("#msign").fill(device.msign)
    await page.getByTestId("yly-printer-save").click()
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.waitFor()
    await expectText(row, /前台 Front desk/)
    await expectText(row, /K4/)
    await expectText(row, /58 mm/)
  })

  step("runs a test print, after which the printer shows as online without being asked", async () => {
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.getByRole("button", { name: "Test print" }).click()
    await expectText(page.locator("body"), /A test page was sent to 前台 Front desk/)
    const [slip] = await stack.sim.control.waitForPaper(machineCode, 1, { timeoutMs: 15_000 })
    expect(slip.lines.join("\n")).toMatch(/TEST|测试/)
    // the device's finish push is a sign of life: no "Unknown" after it has just printed
    await expectText(row.locator("[data-printer-status]"), /Online/)
    await expectText(row, /Last seen just now/)
  })

  step("sees the printer online when asked live", async () => {
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.getByRole("button", { name: /Actions for/ }).click()
    await page.getByRole("menuitem", { name: "Check status now" }).click()
    await expectText(row.locator("[data-printer-status]"), /Online/)
    await screenshot("printer-online")
  })

  step("opens an order and reprints it, after checking the preview", async () => {
    const order = await placeOrder([
      { sku: "NOODLE-L", quantity: 2 },
      { sku: "TEA-ICE", quantity: 1 },
    ])
    orderId = order.id
    displayId = order.display_id
    await stack.sim.control.waitForPaper(machineCode, 2, { timeoutMs: 20_000 })

    await open(`${stack.url}/app/orders/${orderId}`, "[data-testid=yly-order-widget]")
    const widget = page.getByTestId("yly-order-widget")
    await expectText(widget.locator("[data-testid=yly-order-job]").first(), /Printed/, 30_000)
    // in the side column, at the top: in view without scrolling past the order's JSON
    const card = (await widget.boundingBox())!
    expect(card.x).toBeGreaterThan(1440 / 2)
    expect(card.y).toBeLessThan(1000)
    await expectNothingClipped(widget)
    await expectText(widget, /Customer receipt/)
    await screenshot("order-printed", widget)

    await page.getByTestId("yly-reprint-open").click()
    const drawer = page.getByTestId("yly-reprint-drawer")
    await expectText(drawer.getByTestId("yly-paper-text"), /牛肉面/, 30_000)
    await expectText(drawer.getByTestId("yly-paper-text"), /补打|REPRINT/)
    await expectText(drawer.getByTestId("yly-preview-meta"), /32 columns · 58 mm/)
    // the paper's times are the store's zone, the admin's the browser's: both named
    await expectText(drawer.getByTestId("yly-preview-zones"), /Times on the paper: Asia\/Shanghai.*times here: /)
    await screenshot("reprint-preview")
    await page.getByTestId("yly-reprint-submit").click()
    await expectText(page.locator("body"), new RegExp(`Order #${displayId} was sent to the printer`))
    await expectCount(widget.locator("[data-testid=yly-order-job]")).toHaveCount(2)
    await expectText(widget, /Reprint/)
    const slips = await stack.sim.control.waitForPaper(machineCode, 3, { timeoutMs: 20_000 })
    expect(slips[2].lines.join("\n")).toMatch(/补打|REPRINT/)
    await expectText(widget.locator('[data-testid=yly-order-job][data-job-status="printed"]').nth(1), /Printed/, 30_000)
    await screenshot("order-reprinted", widget)
  })

  step("shows a failed job with its reason and retries it as a reprint", async () => {
    // the cloud refuses the next print for good (code 16: model not supported)
    await stack.sim.control.setFaults({ errorNext: { code: 16, count: 1, paths: ["print/index"] } })
    const failed = await placeOrder([{ sku: "XLB-8", quantity: 1 }])
    await settings()
    const jobs = page.getByTestId("yly-jobs")
    const row = jobs.locator("[data-testid=yly-job-row]").filter({ hasText: `#${failed.display_id}` })
    await row.waitFor({ timeout: 60_000 })
    await expectText(row, /Failed/)
    await expectText(row.getByTestId("yly-job-reason"), /\w+ \w+ \w+/) // a sentence, not a bare code
    await expectText(row, /前台 Front desk/)
    await screenshot("failed-job", jobs)

    // every print but this one went out: no "waiting", no banner, and the header's button whole
    await expectCount(page.getByTestId("yly-stale-banner")).toHaveCount(0)
    await expectText(page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`).getByTestId("yly-printer-queue"), /^1 failed$/)
    await expectNothingClipped(page.getByTestId("yly-jobs"))
    await expectNothingClipped(page.getByTestId("yly-printers"))
    await row.getByRole("checkbox").click()
    await page.getByTestId("yly-retry-selected").click()
    await expectText(page.locator("body"), /1 job was sent again as a reprint/)
    await expectCount(jobs.locator("[data-testid=yly-job-row]").filter({ hasText: `#${failed.display_id}` })).toHaveCount(0)
    await expectText(jobs, /Nothing needs attention/)
    const slips = await stack.sim.control.waitForPaper(machineCode, 4, { timeoutMs: 20_000 })
    expect(slips[3].lines.join("\n")).toMatch(/补打|REPRINT/)
    expect(slips[3].lines.join("\n")).toMatch(/小笼包/)
    await screenshot("failed-job-retried", jobs)
  })

  step("previews a receipt from the printers table, at the printer's width", async () => {
    await settings()
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.getByRole("button", { name: /Actions for/ }).click()
    await page.getByRole("menuitem", { name: "Receipt preview" }).click()
    const preview = page.getByTestId("yly-preview")
    await expectText(preview.getByTestId("yly-preview-meta"), /Customer receipt · 32 columns · 58 mm · K4/)
    await expectText(preview.getByTestId("yly-paper-text"), /小笼包/) // the newest order comes first
    await choose("preview-order", new RegExp(`^#${displayId} `))
    await expectText(preview.getByTestId("yly-paper-text"), /牛肉面/)
    // the order picker keeps to one line, as high as the printer picker beside it
    const picker = (await page.locator("#preview-order").boundingBox())!
    expect(picker.height).toBeLessThanOrEqual((await page.locator("#preview-printer").boundingBox())!.height + 1)
    await expectNothingClipped(preview)
    const widest = Math.max(
      ...(await preview.getByTestId("yly-paper-text").textContent())!
        .split("\n")
        .map((l) => [...l].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))
    )
    expect(widest).toBeLessThanOrEqual(32)
    await screenshot("settings-preview")
    await page.keyboard.press("Escape")
  })

  step("reads the device and applies a device setting", async () => {
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.getByRole("button", { name: /Actions for/ }).click()
    await page.getByRole("menuitem", { name: "Device settings" }).click()
    const drawer = page.getByTestId("yly-device-drawer")
    await expectText(drawer.getByTestId("yly-firmware"), /K4/)
    await choose("sound-output", "Speaker")
    await choose("sound-volume", "3")
    await drawer.getByRole("button", { name: "Apply" }).first().click()
    await expectText(page.locator("body"), /Applied on the device/)
    const device = (await stack.sim.control.devices()).find((d) => d.machineCode === machineCode)!
    expect(device.sound).toEqual({ responseType: "horn", voice: 3 })
    await screenshot("device-settings")
    await page.keyboard.press("Escape")
  })

  step("switches the printer to accept/reject and shows the decision made on the device", async () => {
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.getByRole("button", { name: /Actions for/ }).click()
    await page.getByRole("menuitem", { name: "Edit" }).click()
    await page.getByLabel(/Accept or reject on the device/).click()
    await page.getByTestId("yly-printer-save").click()
    await expectText(row, /Accept \/ reject/)
    expect((await stack.sim.control.printers()).find((p) => p.machineCode === machineCode)!.getOrderMode).toBe(true)

    const order = await placeOrder([{ sku: "MILKTEA-L", quantity: 2 }])
    // printed (slip 5: test page, order, reprint, retried reprint, this one), now waiting for a key
    const slips = await stack.sim.control.waitForPaper(machineCode, 5, { timeoutMs: 20_000 })
    const latest = slips[slips.length - 1].printId
    await stack.sim.control.waitFor(
      () => stack.sim.control.pressButton(machineCode, latest, "right").then(() => true, () => undefined), // right key: accept
      { timeoutMs: 10_000, intervalMs: 200 }
    )
    await open(`${stack.url}/app/orders/${order.id}`, "[data-testid=yly-order-widget]")
    await expectText(page.getByTestId("yly-decision"), /Accepted/, 60_000)
    await screenshot("order-accepted", page.getByTestId("yly-order-widget"))
  })

  step("says so in the admin's notification feed when a job failed for good", async () => {
    // the dashboard's bell sits right after its "Customize layout" button in the top bar
    await page.getByRole("button", { name: "Customize layout" }).locator("xpath=following::button[1]").click()
    await expectText(page.locator("body"), /did not print on 前台 Front desk/)
    await screenshot("notification-feed")
    await page.keyboard.press("Escape")
  })

  step("speaks Chinese when the admin does", async () => {
    await page.evaluate(() => window.localStorage.setItem("lng", "zhCN"))
    await page.context().addCookies([{ name: "lng", value: "zhCN", url: stack.url }])
    await settings()
    await expectText(page.getByTestId("yly-printers"), /打印机/, 60_000)
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await expectText(row.locator("[data-printer-status]"), /在线/)
    await expectText(row.getByTestId("yly-printer-queue"), /无待打印/)
    await expectCount(page.getByTestId("yly-stale-banner")).toHaveCount(0)
    const connection = page.getByTestId("yly-connection")
    await expectText(connection.getByTestId("yly-clock-offset"), /与易联云时钟一致/)
    await expectText(connection.locator('[data-testid=yly-push-command][data-cmd=oauth_finish]'), /已于 .* 注册/)
    await expectText(connection.locator("[data-testid=yly-push-refusal][data-reason=bad_sign]"), /签名错误[\s\S]*\d+ 次，最近一次/)
    await expectText(connection, /被拒绝的推送/)
    for (const section of ["yly-connection", "yly-printers", "yly-jobs"]) await expectNothingClipped(page.getByTestId(section))
    await screenshot("settings-zh")
  })

  step("writes no invalid markup (React's DOM nesting warnings)", async () => {
    expect(domWarnings).toEqual([])
  })
})

/** waits until the element's text matches (what the merchant sees), then asserts it */
async function expectText(locator: ReturnType<Page["locator"]>, pattern: RegExp, timeout = UI_TIMEOUT) {
  const deadline = Date.now() + timeout
  let last = ""
  for (;;) {
    last = (await locator.innerText({ timeout: Math.max(1000, deadline - Date.now()) }).catch(() => "")) ?? ""
    if (pattern.test(last)) return
    if (Date.now() > deadline) break
    await new Promise((r) => setTimeout(r, 250))
  }
  expect(last).toMatch(pattern)
}

/**
 * Nothing clipped: every button, picker and badge inside `root` shows its whole content (a
 * squeezed button clips its own label) and lies inside `root`'s box.
 */
async function expectNothingClipped(root: ReturnType<Page["locator"]>) {
  await root.first().waitFor()
  const problems = await root.first().evaluate((el) => {
    const out: string[] = []
    const outer = el.getBoundingClientRect()
    const selector = "button, [role=combobox], [role=checkbox], [data-printer-status], [data-job-status]"
    for (const n of Array.from(el.querySelectorAll<HTMLElement>(selector))) {
      if (!n.offsetParent) continue // not shown
      const box = n.getBoundingClientRect()
      const name = (n.innerText || n.getAttribute("aria-label") || n.tagName).trim().replace(/\s+/g, " ").slice(0, 40)
      if (n.scrollWidth > n.clientWidth + 1) out.push(`"${name}" shows ${n.clientWidth}px of ${n.scrollWidth}px`)
      if (box.left < outer.left - 1 || box.right > outer.right + 1) out.push(`"${name}" lies outside its section`)
    }
    return out
  })
  expect(problems).toEqual([])
}

/** Playwright-style count assertion on a locator, with a wait. */
function expectCount(locator: ReturnType<Page["locator"]>) {
  return {
    async toHaveCount(n: number, timeout = UI_TIMEOUT) {
      const deadline = Date.now() + timeout
      let count = -1
      while (Date.now() < deadline) {
        count = await locator.count()
        if (count === n) return
        await new Promise((r) => setTimeout(r, 250))
      }
      expect(count).toBe(n)
    },
  }
}

// ---- the receipt designer (issue 15): its own steps, after the merchant's path above ----
describe("the receipt designer", () => {
  let failed: string | null = null
  const designerStep = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      if (failed) throw new Error(`not run: the step "${failed}" failed`)
      try {
        await fn()
      } catch (e) {
        failed = name
        await screenshot(`FAILED-designer-${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 30)}`).catch(() => undefined)
        throw e
      }
    })
  let machineCode: string
  let designUrl: string
  const paperText = () => page.getByTestId("yly-designer-preview").getByTestId("yly-paper-text")
  const block = (type: string) => page.locator(`[data-testid=yly-block][data-block-type=${type}]`)

  designerStep("builds a kitchen ticket by hand and sees the preview change with each block", async () => {
    // English admin (the path above ends in Chinese), and a second printer on the simulator
    await page.evaluate(() => window.localStorage.setItem("lng", "en"))
    await page.context().addCookies([{ name: "lng", value: "en", url: stack.url }])
    const device = await stack.sim.control.addDevice({ model: "K4", paperWidth: 58 })
    machineCode = device.machineCode
    const bound = await page.request.post(`${stack.url}/admin/yilianyun/printers`, {
      data: { machine_code: machineCode, msign: device.msign, name: "后厨 Kitchen", templates: { "order.placed": ["kitchen"] } },
    })
    expect(bound.status()).toBe(201)

    await settings()
    await page.getByTestId("yly-design-new").click()
    await page.getByRole("menuitem", { name: "Kitchen ticket" }).click()
    await page.getByTestId("yly-designer").waitFor({ timeout: 60_000 })
    await choose("designer-paper", /后厨 Kitchen/)
    await expectText(page.getByTestId("yly-designer-meta"), /32 columns/)
    await expectText(paperText(), /厨 *房 *单/) // the printer prints in Chinese (its language)
    await expectText(paperText(), /下单时间/)
    await expectText(paperText(), /宫保鸡丁/) // the sample order
    await screenshot("designer-new")

    await page.locator("#design-name").fill("Kitchen XL")
    await page.getByRole("button", { name: "Remove block: Order time" }).click()
    await expectText(paperText(), /^(?![\s\S]*下单时间)[\s\S]*宫保鸡丁/)
    await page.getByTestId("yly-add-block").click()
    await page.getByRole("menuitem", { name: "Free text" }).click()
    await block("text").locator("textarea").fill("Wi-Fi: guest / 88888888")
    await expectText(paperText(), /Wi-Fi: guest \/ 88888888/)
    await page.getByRole("button", { name: "Move up: Free text" }).click()
    await page.getByLabel("Size: Free text").click()
    await page.getByRole("option", { name: "Tall (×2 high)" }).click()
    // items at double size with their line totals cannot print on 58 mm: said next to the block
    await page.getByRole("button", { name: "Options: Items" }).click()
    await block("items").getByLabel("Line total").click()
    await page.getByLabel("Size: Items").click()
    await page.getByRole("option", { name: "Double (×2)" }).click()
    await expectText(page.getByTestId("yly-designer-problems"), /Block \d+ \(items\) at double size leaves 16 columns/)
    await expectText(block("items").getByTestId("yly-block-error"), /too few/)
    await block("items").getByLabel("Line total").click()
    await expectCount(page.getByTestId("yly-designer-problems")).toHaveCount(0)

    // the paper is drawn on the printer's grid: nothing runs past its edge
    const overflow = await page.getByTestId("yly-designer-preview").locator("svg").first().evaluate((svg: any) => {
      const width = svg.viewBox.baseVal.width
      return [...svg.querySelectorAll("text")].filter((t: any) => t.getBBox().x + t.getBBox().width > width - 12 + 0.5).length
    })
    expect(overflow).toBe(0)
    await screenshot("designer-edited", page.getByTestId("yly-designer-preview"))

    // leaving with unsaved changes asks first
    await expectText(page.getByTestId("yly-designer-dirty"), /Unsaved changes/)
    await page.getByTestId("yly-designer-back").click()
    await expectText(page.locator("body"), /Leave without saving\?/)
    await page.getByRole("button", { name: "Stay" }).click()
    await page.getByTestId("yly-designer").waitFor()

    await page.getByTestId("yly-designer-save").click()
    await expectText(page.locator("body"), /Kitchen XL was created/)
    await page.waitForURL(/\/settings\/yilianyun\/designs\/ylydsg_/)
    designUrl = page.url()
    await expectCount(page.getByTestId("yly-designer-dirty")).toHaveCount(0)
  })

  designerStep("assigns the design to a printer and sees it on the order's paper", async () => {
    await settings()
    await expectText(page.getByTestId("yly-designs"), /Kitchen XL/)
    const row = page.locator(`[data-testid=yly-printer-row][data-machine-code="${machineCode}"]`)
    await row.getByRole("button", { name: /Actions for/ }).click()
    await page.getByRole("menuitem", { name: "Edit" }).click()
    await page.getByRole("checkbox", { name: "order.placed kitchen", exact: true }).click()
    await page.getByRole("checkbox", { name: "order.placed Kitchen XL", exact: true }).click()
    await page.getByTestId("yly-printer-save").click()
    await expectText(page.locator("body"), /后厨 Kitchen was saved/)

    const before = (await stack.sim.control.paper(machineCode)).length
    const order = await placeOrder([{ sku: "NOODLE-L", quantity: 2 }])
    const slips = await stack.sim.control.waitForPaper(machineCode, before + 1, { timeoutMs: 30_000 })
    const paper = slips[slips.length - 1].lines.join("\n")
    expect(paper).toMatch(/Wi-Fi: guest/)
    expect(paper).toMatch(/牛 *肉 *面/) // items at double size: letter-spaced in the text layout
    expect(paper).not.toMatch(/下单时间/)
    expect(paper).not.toMatch(/￥/)

    await open(`${stack.url}/app/orders/${order.id}`, "[data-testid=yly-order-widget]")
    const widget = page.getByTestId("yly-order-widget")
    await expectText(widget.getByTestId("yly-job-design").first(), /Kitchen XL\s*v1/, 30_000)
    await screenshot("designer-order-widget", widget)

    // the designer shows who prints it, in Chinese too
    await page.evaluate(() => window.localStorage.setItem("lng", "zhCN"))
    await page.context().addCookies([{ name: "lng", value: "zhCN", url: stack.url }])
    await open(designUrl, "[data-testid=yly-designer]")
    await expectText(page.getByTestId("yly-designer"), /内容块/, 60_000)
    await expectText(page.getByTestId("yly-designer-used-by"), /后厨 Kitchen/)
    await screenshot("designer-zh")
  })
})
