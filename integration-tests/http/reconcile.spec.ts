import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { waitForSubscribers } from "../helpers/events"
import { placeOrderViaStoreApi } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const MC = "4004000301"
const MINUTE = 60_000

storeTestSuite({ seed: true }, (s) => {
  const { api, bind } = s
  let printer: Awaited<ReturnType<typeof bind>>
  const reconcileAt = (offsetMs: number) =>
    reconcilePrintsWorkflow(s.container).run({ input: { now: new Date(Date.now() + offsetMs) } })

  beforeEach(async () => {
    printer = await bind(MC)
  })

  /** An order created without order.placed: the event that was lost. */
  const orderWithoutEvent = async () => {
    const { result } = await createOrderWorkflow(s.container).run({
      input: {
        region_id: s.store.regionId,
        sales_channel_id: s.store.salesChannelId,
        email: "lost@example.com",
        currency_code: "cny",
        items: [{ title: "鲜肉小笼包", quantity: 2, unit_price: 22 }],
      } as any,
    })
    return result
  }

  it("sends again, after a restart, a job whose attempts timed out (outcome unknown), with the same origin_id", async () => {
    await s.sim.control.setFaults({ timeoutNext: 50 })
    const done = waitForSubscribers(s.container, "order.placed")
    const order = await placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    await done
    const [stuck] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(stuck).toMatchObject({ status: "unknown", attempts: 2, last_error_code: "timeout" })
    expect(await s.sim.control.paper(MC)).toHaveLength(0)

    await s.sim.control.clearFaults()
    s.yly.forgetCachedToken() // a restarted process knows only what the database holds
    await reconcileAt(MINUTE)
    const slips = await s.sim.control.waitForPaper(MC, 1)
    expect(slips).toHaveLength(1)
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job.status).toBe("sent")
    expect(job.attempts).toBe(3)
  })

  it("prints an order whose order.placed never arrived", async () => {
    const order = await orderWithoutEvent()
    await reconcileAt(2 * MINUTE)
    const slips = await s.sim.control.waitForPaper(MC, 1)
    expect(slips[0].content).toContain("小笼包")
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job).toMatchObject({ requested_by: "reconcile", trigger: "order.placed" })
    await reconcileAt(3 * MINUTE)
    expect(await s.sim.control.prints({ machineCode: MC })).toHaveLength(1)
  })

  it("does not print orders placed before the printer was bound", async () => {
    const order = await orderWithoutEvent()
    await s.yly.updatePrinters({ id: printer.id, bound_at: new Date(new Date(order.created_at).getTime() + MINUTE) })
    await reconcileAt(2 * MINUTE)
    expect(await s.yly.listPrintJobs({ order_id: order.id })).toHaveLength(0)
    expect(await s.sim.control.prints({ machineCode: MC })).toHaveLength(0)
  })

  it("asks the cloud about a print with no finish push, records it printed, and prunes it after the retention", async () => {
    const done = waitForSubscribers(s.container, "order.placed")
    const order = await placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.noodles, quantity: 1 }])
    await done
    await s.sim.control.waitForPaper(MC, 1)
    expect((await s.yly.listPrintJobs({ order_id: order.id }))[0].status).toBe("sent")
    await reconcileAt(4 * MINUTE) // not yet: the finish push may still come
    expect((await s.yly.listPrintJobs({ order_id: order.id }))[0].status).toBe("sent")
    await reconcileAt(6 * MINUTE)
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job.status).toBe("printed")
    const meta = (await api.get(`/admin/orders/${order.id}?fields=id,metadata`, s.auth)).data.order.metadata
    expect(meta.yilianyun).toMatchObject({ status: "printed" })
    expect(meta.yilianyun.printed_at).toBeTruthy()

    await reconcileAt(91 * 24 * 60 * MINUTE)
    expect(await s.yly.listPrintJobs({ order_id: order.id })).toHaveLength(0)
  })
})
