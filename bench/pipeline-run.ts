// Runs INSIDE a Medusa process (`medusa exec bench/pipeline-run.ts`), started by bench/pipeline.ts.
// Binds one printer on the simulator, prepares N carts, completes them at a fixed concurrency, and
// reports, as JSON lines, when each order.placed reached subscribers and which origin_id printed it.
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
} from "@medusajs/medusa/core-flows"
import { expectedMsign } from "../src/simulator"
import { authorizePrinter } from "../src/workflows/authorize-printer"

const say = (msg: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(msg)}\n`)

export default async function pipelineRun({ container }: ExecArgs) {
  const orders = Number(process.env.BENCH_ORDERS ?? 200)
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8)
  const machineCode = process.env.BENCH_MACHINE_CODE ?? "4004009999"
  global.gc?.()
  say({ type: "rss", phase: "booted", rss: process.memoryUsage().rss })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "CN", currency_code: "cny", countries: ["cn"], payment_providers: ["pp_system_default"] }] },
  })
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "bench" }] } })
  await authorizePrinter(container, { machine_code: machineCode, msign: expectedMsign(machineCode), name: "bench", model: "K4", paper_width: 58 })

  const carts: string[] = []
  for (let i = 0; i < orders; i++) {
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: region.id,
        sales_channel_id: channel.id,
        currency_code: "cny",
        email: `bench${i}@example.com`,
        items: [
          { title: "招牌红烧牛肉面", quantity: 1, unit_price: 38, requires_shipping: false },
          { title: "冻柠檬茶", quantity: 2, unit_price: 12, requires_shipping: false },
        ],
      } as any,
    })
    const { result: pc } = await createPaymentCollectionForCartWorkflow(container).run({
      input: { cart_id: cart.id },
    } as any)
    await createPaymentSessionsWorkflow(container).run({
      input: { payment_collection_id: (pc as any).id, provider_id: "pp_system_default" },
    })
    carts.push(cart.id)
  }
  say({ type: "prepared", carts: carts.length })

  // The moment order.placed reaches subscribers (the plugin's own subscriber gets it alongside).
  const bus = container.resolve(Modules.EVENT_BUS)
  bus.subscribe("order.placed", async ({ data }: any) => {
    say({ type: "placed", order_id: data.id, at: Date.now() })
  }, { subscriberId: "bench-order-placed-clock" })

  const started = Date.now()
  let next = 0
  const worker = async () => {
    while (next < carts.length) {
      const id = carts[next++]
      await completeCartWorkflow(container).run({ input: { id } })
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  say({ type: "completed", ms: Date.now() - started })

  // Wait for the print jobs to be sent, then map origin_id → order for the orchestrator.
  const yly = container.resolve<any>("yilianyun")
  const deadline = Date.now() + 120_000
  let jobs: any[] = []
  while (Date.now() < deadline) {
    jobs = await yly.listPrintJobs({}, { relations: ["parts"], take: orders * 2 })
    if (jobs.length >= orders && jobs.every((j) => j.status !== "pending")) break
    await new Promise((r) => setTimeout(r, 200))
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: placed } = await query.graph({ entity: "order", fields: ["id"] })
  say({
    type: "jobs",
    orders: placed.length,
    jobs: jobs.length,
    statuses: jobs.reduce((acc: Record<string, number>, j) => ((acc[j.status] = (acc[j.status] ?? 0) + 1), acc), {}),
    origins: jobs.flatMap((j) => j.parts.map((p: any) => [p.origin_id, j.order_id])),
  })
  global.gc?.()
  say({ type: "rss", phase: "after-run", rss: process.memoryUsage().rss })
}
