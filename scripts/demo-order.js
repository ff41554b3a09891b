#!/usr/bin/env node
// `npm run demo:order`: one more order for the running `npm run demo` (in another terminal),
// placed through the Store API like the first; its receipts are shown as the virtual paper reads,
// and the printers' confirmation is checked.
const fs = require("node:fs")
const { STATE_FILE, orderAndShow, say } = require("./demo-lib")

async function main() {
  let demo
  try {
    demo = JSON.parse(fs.readFileSync(STATE_FILE, "utf8"))
  } catch {
    throw new Error("no demo is running here — start one with `npm run demo` (in another terminal) and try again.")
  }
  try {
    process.kill(demo.pid, 0)
  } catch {
    throw new Error(`the demo that wrote ${STATE_FILE} (pid ${demo.pid}) is gone — start it again with \`npm run demo\`.`)
  }
  if (!demo.simUrl) throw new Error("the running demo prints on your own Yilianyun account, not the simulator: place orders through your store.")
  const { confirmed } = await orderAndShow(demo, demo.orders ?? 1)
  demo.orders = (demo.orders ?? 1) + 1
  fs.writeFileSync(STATE_FILE, JSON.stringify(demo, null, 2))
  process.exitCode = confirmed ? 0 : 1
}

main().catch((e) => {
  say(e?.message ?? String(e))
  process.exit(1)
})
