import { Modules } from "@medusajs/framework/utils"
import diagnostics from "node:diagnostics_channel"
import {
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { loadOrderForPrint, ORDER_PRINT_FIELDS } from "../../src/workflows/print-order/steps/load-order-for-print"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { PRINT_TRACE_CHANNEL, type PrintTraceMessage } from "../../src/workflows/utils/print-trace"
import { waitForSubscribers } from "../helpers/events"
import { placeOrderViaStoreApi } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const FRONT = "4004000101"
const KITCHEN = "4004000102"
const BAR = "4004000103"

storeTestSuite({ seed: true }, (s) => {
  const { api, bind } = s

  /** Runs `trigger` and waits until every subscriber of `event` has finished. */
  const afterEvent = async <T>(event: string, trigger: () => Promise<T>): Promise<T> => {
    const done = waitForSubscribers(s.container, event)
    const result = await trigger()
    await done
    return result
  }

  const jobsOf = async (orderId: string) => (await api.get(`/admin/orders/${orderId}?fields=id,metadata`, s.auth)).data.order

  it("prints an order placed through the Store API on each matching printer and on no other", async () => {
    await bind(FRONT, { name: "前台" })
    await bind(KITCHEN, { name: "厨房", templates: { "order.placed": ["kitchen"] }, product_type_ids: [s.store.productTypes.food] })
    await bind(BAR, { name: "吧台", templates: { "order.placed": ["kitchen"] }, category_ids: [s.store.categories.cold] })

    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [
        { variant_id: s.store.variants.noodles, quantity: 2 },
        { variant_id: s.store.variants.tea, quantity: 1 },
      ])
    )

    const [front, kitchen, bar] = await Promise.all([FRONT, KITCHEN, BAR].map((mc) => s.sim.control.waitForPaper(mc, 1)))
    expect(front).toHaveLength(1)
    expect(kitchen).toHaveLength(1)
    expect(bar).toHaveLength(1)
    expect(kitchen[0].content).toContain("牛肉面")
    expect(kitchen[0].content).not.toContain("柠檬茶")
    expect(bar[0].content).toContain("柠檬茶")
    expect(bar[0].content).not.toContain("牛肉面")
    expect(front[0].content).toContain("牛肉面")
    expect(front[0].content).toContain("柠檬茶")

    const meta = (await jobsOf(order.id)).metadata.yilianyun
    expect(meta.status).toMatch(/sent|printed/)
    expect(meta.print_ids).toHaveLength(3)
    expect(meta.print_ids.every((id: unknown) => typeof id === "string")).toBe(true)
  })

  it("publishes each stage of an order's print on the yilianyun:print diagnostics channel, in order", async () => {
    await bind(FRONT)
    // The app runs in this process (the runner's inApp): its print path publishes on the channel this
    // test subscribes to. Channels are the process's, by name, whichever copy of the module publishes.
    const seen: PrintTraceMessage[] = []
    const listen = (message: unknown) => seen.push(message as PrintTraceMessage)
    diagnostics.subscribe(PRINT_TRACE_CHANNEL, listen)
    let orderId: string
    try {
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
      )
      orderId = order.id
      await s.sim.control.waitForPaper(FRONT, 1)
      // the subscriber has finished, and with it the print's follow-ups; a minute's grace all the same
      const deadline = Date.now() + 60_000
      while (!seen.some((m) => m.order_id === orderId && m.stage === "done") && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50))
      }
    } finally {
      diagnostics.unsubscribe(PRINT_TRACE_CHANNEL, listen)
    }
    const stages = seen.filter((m) => m.order_id === orderId)
    // one printer, one part: one request
    expect(stages.map((m) => m.stage)).toEqual(["start", "loaded", "created", "request", "sent", "done"])
    expect(stages.every((m) => m.trigger === "order.placed")).toBe(true)
    const at = stages.map((m) => m.at)
    expect(at).toEqual([...at].sort((a, b) => a - b))
  })

  it("reads the order for printing — own fields, customer and payment collections at once, categories when a printer routes by them — as one query.graph of every field would", async () => {
    await bind(BAR, { name: "吧台", templates: { "order.placed": ["kitchen"] }, category_ids: [s.store.categories.cold] })
    const order = await s.placeOrder([
      { variant_id: s.store.variants.noodles, quantity: 2 },
      { variant_id: s.store.variants.tea, quantity: 1 },
    ])
    const {
      data: [whole],
    } = await s.container.resolve("query").graph({
      entity: "order",
      fields: [...ORDER_PRINT_FIELDS, "items.variant.product.categories.id"],
      filters: { id: order.id },
    })
    const { order: loaded } = await loadOrderForPrint(s.container, { order_id: order.id })
    // the store API's guest order has its payment authorized, and its items their categories
    expect(loaded.payment_collections?.map((c) => c?.status)).toEqual(["authorized"])
    expect(loaded.items?.some((i) => i?.variant?.product?.categories?.some((c) => c?.id === s.store.categories.cold))).toBe(true)
    // (the one call also returns items' variant_id, the key it followed to the variant: printing reads none)
    const expected = JSON.parse(JSON.stringify(whole))
    for (const item of expected.items) delete item.variant_id
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(expected)
    const [paper] = await s.sim.control.waitForPaper(BAR, 1)
    expect(paper.content).toContain("柠檬茶")
  })

  it("prints once when order.placed is delivered twice, and keeps other metadata keys", async () => {
    await bind(FRONT)
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.dumplings, quantity: 1 }], {
        metadata: { note: "不要香菜" },
      })
    )
    await afterEvent("order.placed", () =>
      s.container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
    )
    await s.sim.control.waitForPaper(FRONT, 1)
    await new Promise((r) => setTimeout(r, 300))
    expect(await s.sim.control.paper(FRONT)).toHaveLength(1)
    expect(await s.sim.control.prints({ machineCode: FRONT })).toHaveLength(1)
    const { metadata } = await jobsOf(order.id)
    expect(metadata.note).toBe("不要香菜")
    expect(metadata.yilianyun.jobs).toBe(1)
  })

  it("gives each order of the day the next pickup number, printed large, and keeps it on a re-delivery", async () => {
    await bind(FRONT, { receipt_settings: { pickup_number: true, language: "zh-CN" } })
    const first = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    )
    const second = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    )
    await afterEvent("order.placed", () =>
      s.container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: first.id } })
    )
    expect((await jobsOf(first.id)).metadata.yilianyun.pickup_number).toBe(1)
    expect((await jobsOf(second.id)).metadata.yilianyun.pickup_number).toBe(2)
    const slips = await s.sim.control.waitForPaper(FRONT, 2)
    expect(slips).toHaveLength(2)
    expect(slips[0].content).toContain("<FS2><center>取餐号 1</center></FS2>")
    expect(slips[1].content).toContain("<FS2><center>取餐号 2</center></FS2>")
  })

  it("prints a packing slip per fulfillment", async () => {
    await bind(FRONT, { templates: { "order.fulfillment_created": ["packing"] } })
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [
        { variant_id: s.store.variants.noodles, quantity: 1 },
        { variant_id: s.store.variants.tea, quantity: 1 },
      ])
    )
    expect(await s.sim.control.paper(FRONT)).toHaveLength(0)
    const full = (await api.get(`/admin/orders/${order.id}?fields=id,items.id,items.title`, s.auth)).data.order
    for (const item of full.items) {
      await afterEvent("order.fulfillment_created", () =>
        createOrderFulfillmentWorkflow(s.container).run({
          input: { order_id: order.id, items: [{ id: item.id, quantity: 1 }], location_id: s.store.locationId },
        })
      )
    }
    const slips = await s.sim.control.waitForPaper(FRONT, 2)
    expect(slips).toHaveLength(2)
    const jobs = await s.yly.listPrintJobs({ order_id: order.id })
    expect(jobs.map((j: any) => j.template)).toEqual(["packing", "packing"])
    expect(new Set(jobs.map((j: any) => j.source)).size).toBe(2)
  })

  it("prints only paid orders on a printer set to payment.captured", async () => {
    await bind(FRONT, { templates: { "payment.captured": ["receipt"] } })
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    )
    expect(await s.sim.control.paper(FRONT)).toHaveLength(0)
    const full = (await api.get(`/admin/orders/${order.id}?fields=id,payment_collections.payments.id`, s.auth)).data.order
    await afterEvent("payment.captured", () =>
      capturePaymentWorkflow(s.container).run({ input: { payment_id: full.payment_collections[0].payments[0].id } })
    )
    const slips = await s.sim.control.waitForPaper(FRONT, 1)
    expect(slips).toHaveLength(1)
    expect((await s.yly.listPrintJobs({ order_id: order.id }))[0].trigger).toBe("payment.captured")
  })

  it("finds the order of a shipment and of a delivery, which carry only the fulfillment id", async () => {
    await bind(FRONT, { templates: { "shipment.created": ["packing"], "delivery.created": ["packing"] } })
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.noodles, quantity: 1 }])
    )
    const full = (await api.get(`/admin/orders/${order.id}?fields=id,items.id`, s.auth)).data.order
    await createOrderFulfillmentWorkflow(s.container).run({
      input: { order_id: order.id, items: [{ id: full.items[0].id, quantity: 1 }], location_id: s.store.locationId },
    })
    const withF = (await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.id`, s.auth)).data.order
    const fulfillmentId = withF.fulfillments[0].id
    await afterEvent("shipment.created", () =>
      createOrderShipmentWorkflow(s.container).run({
        input: { order_id: order.id, fulfillment_id: fulfillmentId, items: [{ id: full.items[0].id, quantity: 1 }] },
      })
    )
    await afterEvent("delivery.created", () =>
      markOrderFulfillmentAsDeliveredWorkflow(s.container).run({ input: { orderId: order.id, fulfillmentId } })
    )
    const slips = await s.sim.control.waitForPaper(FRONT, 2)
    expect(slips).toHaveLength(2)
    const jobs = await s.yly.listPrintJobs({ order_id: order.id })
    expect(jobs.map((j: any) => j.trigger).sort()).toEqual(["delivery.created", "shipment.created"])
    expect(jobs.every((j: any) => j.source === fulfillmentId)).toBe(true)
  })

  it("withdraws a print that has not come out yet when the order is canceled", async () => {
    await bind(FRONT)
    await s.sim.control.setPrinterState(FRONT, "offline", { push: false })
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.dumplings, quantity: 1 }])
    )
    const [queued] = await s.sim.control.prints({ machineCode: FRONT })
    expect(queued.status).toBe(0)
    await afterEvent("order.canceled", () => cancelOrderWorkflow(s.container).run({ input: { order_id: order.id } }))
    const [after] = await s.sim.control.prints({ machineCode: FRONT })
    expect(after.status).toBe(2)
    await s.sim.control.setPrinterState(FRONT, "online", { push: false })
    await new Promise((r) => setTimeout(r, 200))
    expect(await s.sim.control.paper(FRONT)).toHaveLength(0)
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job.status).toBe("canceled")
    expect((await jobsOf(order.id)).metadata.yilianyun.status).toBe("canceled")
  })

  it("prints once through transient failures: 5xx and a timeout, same origin_id", async () => {
    await bind(FRONT)
    await s.sim.control.setFaults({ http5xxNext: 1, timeoutNext: 1 })
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    )
    // both inline attempts failed with an unknown outcome; the reconciler takes it up again
    expect((await s.yly.listPrintJobs({ order_id: order.id }))[0]).toMatchObject({ status: "unknown", attempts: 2 })
    // the reconciler's passes (every minute in a store; here one after another) send it again once due
    const slips = await s.sim.control.waitFor(
      async () => {
        await reconcilePrintsWorkflow(s.container).run({ input: { now: new Date() } })
        const paper = await s.sim.control.paper(FRONT)
        return paper.length ? paper : undefined
      },
      { timeoutMs: 20_000, intervalMs: 500 }
    )
    expect(slips).toHaveLength(1)
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job).toMatchObject({ status: "sent", attempts: 3 })
    // the timed-out request may have reached the cloud: the resend carried the same origin_id
    expect(new Set((await s.sim.control.prints({ machineCode: FRONT })).map((p) => p.originId)).size).toBe(1)
  })

  it("fails at once on a permanent error, with the reason in metadata and no retry storm", async () => {
    await bind(FRONT)
    await s.sim.control.setFaults({ errorNext: { code: 16, count: 1, paths: ["print/index"] } })
    const order = await afterEvent("order.placed", () =>
      placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    )
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job).toMatchObject({ status: "failed", attempts: 1, last_error_code: "16" })
    const meta = (await jobsOf(order.id)).metadata.yilianyun
    expect(meta.status).toBe("failed")
    expect(meta.last_error).toMatch(/K1|K2|K3|model|型号/i)
    await reconcilePrintsWorkflow(s.container).run({ input: { now: new Date(Date.now() + 10 * 60_000) } })
    expect(await s.sim.control.prints({ machineCode: FRONT })).toHaveLength(0)
    expect((await s.yly.listPrintJobs({ order_id: order.id }))[0].attempts).toBe(1)
  })
})
