// What `npm run demo` and `npm run demo:order` share: placing an order through the Store API the
// way a shopper does, showing the receipts from the simulator's virtual paper, and checking that
// the store got the printers' confirmation (finish pushes) for it.
const fs = require("node:fs")
const net = require("node:net")
const path = require("node:path")

const ROOT = path.resolve(__dirname, "..")
/** where a running demo says how to reach it (a dot-folder: `medusa develop` ignores writes there) */
const STATE_FILE = process.env.YLY_DEMO_STATE_FILE || path.join(ROOT, ".data", "demo-state.json")

const say = (msg) => process.stdout.write(`\x1b[36m[demo]\x1b[0m ${msg}\n`)

/** Resolves when nothing listens on the port; otherwise rejects with a sentence naming it and how to move. */
function assertPortFree(port, what, envName) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once("error", (e) =>
      reject(
        new Error(
          e.code === "EADDRINUSE"
            ? `port ${port} (${what}) is already in use — another demo or store may be running. ` +
                `Stop it, or choose another port: ${envName}=${port + 1} npm run demo`
            : `cannot listen on port ${port} (${what}): ${e.message} — choose another port with ${envName}=…`
        )
      )
    )
    srv.listen(port, () => srv.close(() => resolve()))
  })
}

/** Shoppers of the demo: the first order is the Chinese one of the README, then they take turns. */
const SHOPPERS = [
  {
    email: "buyer@example.com",
    address: { first_name: "小明", last_name: "王", phone: "13800000000", address_1: "静安区南京西路 1266 号", city: "上海", province: "上海", postal_code: "200040", country_code: "cn" },
    items: { "NOODLE-L": 1, "XLB-8": 2, "TEA-ICE": 1 },
    note: "少辣，不要香菜",
  },
  {
    email: "new.comer@example.com",
    address: { first_name: "New", last_name: "Comer", phone: "13900000001", address_1: "1 Test Rd", address_2: "Flat 5", city: "上海", province: "上海", postal_code: "200041", country_code: "cn" },
    items: { "MILKTEA-L": 2, "XLB-8": 1 },
    note: "No ice, please",
  },
  {
    email: "li.na@example.com",
    address: { first_name: "娜", last_name: "李", phone: "13700000002", address_1: "徐汇区漕溪北路 88 号", address_2: "3 楼", city: "上海", province: "上海", postal_code: "200030", country_code: "cn" },
    items: { "NOODLE-L": 2, "TEA-ICE": 2 },
  },
]

/** Cart → shipping method → payment session → complete, through the Store API. */
async function placeOrder(base, seed, n = 0) {
  const shopper = SHOPPERS[n % SHOPPERS.length]
  const headers = { "content-type": "application/json", "x-publishable-api-key": seed.publishable_key }
  const post = async (p, body) => {
    const res = await fetch(`${base}${p}`, { method: "POST", headers, body: JSON.stringify(body) })
    const data = await res.json()
    if (!res.ok) throw new Error(`${p}: ${res.status} ${JSON.stringify(data)}`)
    return data
  }
  const { cart } = await post("/store/carts", {
    region_id: seed.region_id,
    sales_channel_id: seed.sales_channel_id,
    email: shopper.email,
    items: Object.entries(shopper.items).map(([sku, quantity]) => ({ variant_id: seed.variants[sku], quantity })),
    shipping_address: shopper.address,
    ...(shopper.note ? { metadata: { note: shopper.note } } : {}),
  })
  await post(`/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_option_id })
  const { payment_collection } = await post("/store/payment-collections", { cart_id: cart.id })
  await post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const done = await post(`/store/carts/${cart.id}/complete`, {})
  if (done.type !== "order") throw new Error(`the cart did not complete: ${JSON.stringify(done).slice(0, 300)}`)
  return done.order
}

const columns = (s) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)

function showPaper(title, slips) {
  for (const slip of slips) {
    const width = Math.max(...slip.lines.map(columns), 32)
    process.stdout.write(`\n  ${title} — print ${slip.printId}${slip.copies > 1 ? ` (copy ${slip.copyIndex}/${slip.copies})` : ""}\n`)
    process.stdout.write(`  ┌${"─".repeat(width + 2)}┐\n`)
    for (const line of slip.lines) process.stdout.write(`  │ ${line}${" ".repeat(Math.max(0, width - columns(line)))} │\n`)
    process.stdout.write(`  └${"─".repeat(width + 2)}┘\n`)
  }
}

async function paperOf(simUrl, machineCode) {
  const res = await fetch(`${simUrl}/_sim/paper/${machineCode}`)
  if (!res.ok) throw new Error(`the simulator's paper of ${machineCode}: HTTP ${res.status}`)
  return res.json()
}

/** the slips printed after the first `before` ones, once there are some (a printer may print nothing for an order) */
async function newPaper(simUrl, machineCode, before, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const slips = await paperOf(simUrl, machineCode)
    if (slips.length > before || Date.now() > deadline) return slips.slice(before)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** an admin session for the store's admin API, as the admin's login page gets one */
async function adminToken(base, email, password) {
  const res = await fetch(`${base}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  const data = await res.json().catch(() => ({}))
  if (!res.ok || !data.token) throw new Error(`logging in as ${email} failed (HTTP ${res.status})`)
  return data.token
}

/**
 * Waits until every print job of the order is printed — the store heard the printers' finish
 * pushes — and returns the jobs as they are then (some may still be on their way after the wait).
 */
async function waitForConfirmation(base, token, orderId, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  let jobs = []
  for (;;) {
    const res = await fetch(`${base}/admin/yilianyun/orders/${orderId}/jobs`, { headers: { authorization: `Bearer ${token}` } })
    if (res.ok) jobs = (await res.json()).jobs
    if ((jobs.length && jobs.every((j) => j.status === "printed")) || Date.now() > deadline) return jobs
    await new Promise((r) => setTimeout(r, 250))
  }
}

/**
 * One more order, start to finish: placed through the Store API, its receipts shown as the paper
 * reads, and the store's confirmation checked. `demo` is what the running demo wrote in STATE_FILE.
 */
async function orderAndShow(demo, n) {
  const before = {}
  for (const p of demo.printers) before[p.machine_code] = (await paperOf(demo.simUrl, p.machine_code)).length
  say("placing an order through the Store API…")
  const order = await placeOrder(demo.base, demo.seed, n)
  say(`order #${order.display_id} placed (${order.id})`)
  for (const p of demo.printers) {
    const slips = await newPaper(demo.simUrl, p.machine_code, before[p.machine_code], 30_000)
    if (slips.length) showPaper(p.title, slips)
    else say(`${p.title}: nothing to print for this order`)
  }
  const token = await adminToken(demo.base, demo.admin.email, demo.admin.password)
  const jobs = await waitForConfirmation(demo.base, token, order.id)
  const open = jobs.filter((j) => j.status !== "printed")
  if (jobs.length && !open.length) {
    say(`order #${order.display_id}: printed and confirmed by the printers (${jobs.length} print job${jobs.length > 1 ? "s" : ""})`)
  } else {
    say(
      `\x1b[33morder #${order.display_id}: not confirmed yet — ${open.map((j) => `${j.printer?.name ?? j.printer_id}: ${j.status}`).join(", ") || "no print jobs"}\x1b[0m`
    )
  }
  return { order, jobs, confirmed: jobs.length > 0 && !open.length }
}

module.exports = { STATE_FILE, assertPortFree, orderAndShow, placeOrder, say, showPaper }
