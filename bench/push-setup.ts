// Runs INSIDE a Medusa process (`medusa exec bench/push-setup.ts`), started by bench/push.ts before
// the store is booted: binds one printer in accept/reject mode on the simulator, creates N orders
// (the order module directly: cart completion would take minutes and is not what is measured) and
// prints each through the plugin's print workflow, so every print is a real job with a part `sent`
// and a cloud print id — what the platform's finish and decision pushes name.
import { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { expectedMsign } from "../src/simulator"
import { authorizePrinter } from "../src/workflows/authorize-printer"
import { runPrint } from "../src/workflows/print-order/run-from-event"

const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`)

export default async function pushSetup({ container }: ExecArgs) {
  const count = Number(process.env.BENCH_PRINTS ?? 100)
  const machineCode = process.env.BENCH_MACHINE_CODE ?? "4004000001"
  await authorizePrinter(container, { machine_code: machineCode, msign: expectedMsign(machineCode), name: "bench", model: "K4", paper_width: 58, mode: "confirm" } as any)
  const orderModule = container.resolve(Modules.ORDER)
  const ids: string[] = []
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, (_, k) => ({
      email: `push${i + k}@example.com`,
      currency_code: "cny",
      items: [
        { title: "招牌红烧牛肉面", quantity: 1, unit_price: 38 },
        { title: "冻柠檬茶", quantity: 2, unit_price: 12 },
      ],
    }))
    const orders = await orderModule.createOrders(batch as any)
    ids.push(...orders.map((o: { id: string }) => o.id))
  }
  const started = Date.now()
  let next = 0
  const worker = async () => {
    while (next < ids.length) await runPrint(container, { order_id: ids[next++], trigger: "order.placed" })
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  say({ type: "printed", orders: ids.length, ms: Date.now() - started })
}
