import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow,
  capturePaymentWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
  markOrderFulfillmentAsDeliveredWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { expectedMsign } from "../../src/simulator"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { adminHeaders } from "../helpers/admin"
import { waitForSubscribers } from "../helpers/events"
import { useSimulator } from "../helpers/simulator"
import { placeOrderViaStoreApi, seedTestStore, TestStore } from "../helpers/store"

jest.setTimeout(180_000)

const h = useSimulator()

const FRONT = "4004000101"
const KITCHEN = "4004000102"
const BAR = "4004000103"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let store: TestStore
    let container: MedusaContainer
    const yly = () => container.resolve<any>("yilianyun")

    beforeEach(async () => {
      container = getContainer()
      yly().forgetCachedToken()
      auth = await adminHeaders(api, container)
      store = await seedTestStore(container)
    })

    const bind = async (machine_code: string, extra: Record<string, unknown> = {}) => {
      const res = await api.post("/admin/yilianyun/printers", { machine_code, msign: expectedMsign(machine_code), ...extra }, auth)
      return res.data.printer
    }

    /** Runs `trigger` and waits until every subscriber of `event` has finished. */
    const afterEvent = async <T>(event: string, trigger: () => Promise<T>): Promise<T> => {
      const done = waitForSubscribers(container, event)
      const result = await trigger()
      await done
      return result
    }

    const jobsOf = async (orderId: string) => (await api.get(`/admin/orders/${orderId}?fields=id,metadata`, auth)).data.order

    it("prints an order placed through the Store API on each matching printer and on no other", async () => {
      await bind(FRONT, { name: "前台" })
      await bind(KITCHEN, { name: "厨房", templates: { "order.placed": ["kitchen"] }, product_type_ids: [store.productTypes.food] })
      await bind(BAR, { name: "吧台", templates: { "order.placed": ["kitchen"] }, category_ids: [store.categories.cold] })

      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [
          { variant_id: store.variants.noodles, quantity: 2 },
          { variant_id: store.variants.tea, quantity: 1 },
        ])
      )

      const [front, kitchen, bar] = await Promise.all([FRONT, KITCHEN, BAR].map((mc) => h.sim.control.waitForPaper(mc, 1)))
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

    it("prints once when order.placed is delivered twice, and keeps other metadata keys", async () => {
      await bind(FRONT)
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.dumplings, quantity: 1 }], {
          metadata: { note: "不要香菜" },
        })
      )
      await afterEvent("order.placed", () =>
        container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
      )
      await h.sim.control.waitForPaper(FRONT, 1)
      await new Promise((r) => setTimeout(r, 300))
      expect(await h.sim.control.paper(FRONT)).toHaveLength(1)
      expect(await h.sim.control.prints({ machineCode: FRONT })).toHaveLength(1)
      const { metadata } = await jobsOf(order.id)
      expect(metadata.note).toBe("不要香菜")
      expect(metadata.yilianyun.jobs).toBe(1)
    })

    it("gives each order of the day the next pickup number, printed large, and keeps it on a re-delivery", async () => {
      await bind(FRONT, { receipt_settings: { pickup_number: true, language: "zh-CN" } })
      const first = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      )
      const second = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      )
      await afterEvent("order.placed", () =>
        container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: first.id } })
      )
      expect((await jobsOf(first.id)).metadata.yilianyun.pickup_number).toBe(1)
      expect((await jobsOf(second.id)).metadata.yilianyun.pickup_number).toBe(2)
      const slips = await h.sim.control.waitForPaper(FRONT, 2)
      expect(slips).toHaveLength(2)
      expect(slips[0].content).toContain("<FS2><center>取餐号 1</center></FS2>")
      expect(slips[1].content).toContain("<FS2><center>取餐号 2</center></FS2>")
    })

    it("prints a packing slip per fulfillment", async () => {
      await bind(FRONT, { templates: { "order.fulfillment_created": ["packing"] } })
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [
          { variant_id: store.variants.noodles, quantity: 1 },
          { variant_id: store.variants.tea, quantity: 1 },
        ])
      )
      expect(await h.sim.control.paper(FRONT)).toHaveLength(0)
      const full = (await api.get(`/admin/orders/${order.id}?fields=id,items.id,items.title`, auth)).data.order
      for (const item of full.items) {
        await afterEvent("order.fulfillment_created", () =>
          createOrderFulfillmentWorkflow(container).run({
            input: { order_id: order.id, items: [{ id: item.id, quantity: 1 }], location_id: store.locationId },
          })
        )
      }
      const slips = await h.sim.control.waitForPaper(FRONT, 2)
      expect(slips).toHaveLength(2)
      const jobs = await yly().listPrintJobs({ order_id: order.id })
      expect(jobs.map((j: any) => j.template)).toEqual(["packing", "packing"])
      expect(new Set(jobs.map((j: any) => j.source)).size).toBe(2)
    })

    it("prints only paid orders on a printer set to payment.captured", async () => {
      await bind(FRONT, { templates: { "payment.captured": ["receipt"] } })
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      )
      expect(await h.sim.control.paper(FRONT)).toHaveLength(0)
      const full = (await api.get(`/admin/orders/${order.id}?fields=id,payment_collections.payments.id`, auth)).data.order
      await afterEvent("payment.captured", () =>
        capturePaymentWorkflow(container).run({ input: { payment_id: full.payment_collections[0].payments[0].id } })
      )
      const slips = await h.sim.control.waitForPaper(FRONT, 1)
      expect(slips).toHaveLength(1)
      expect((await yly().listPrintJobs({ order_id: order.id }))[0].trigger).toBe("payment.captured")
    })

    it("finds the order of a shipment and of a delivery, which carry only the fulfillment id", async () => {
      await bind(FRONT, { templates: { "shipment.created": ["packing"], "delivery.created": ["packing"] } })
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.noodles, quantity: 1 }])
      )
      const full = (await api.get(`/admin/orders/${order.id}?fields=id,items.id`, auth)).data.order
      await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, items: [{ id: full.items[0].id, quantity: 1 }], location_id: store.locationId },
      })
      const withF = (await api.get(`/admin/orders/${order.id}?fields=id,fulfillments.id`, auth)).data.order
      const fulfillmentId = withF.fulfillments[0].id
      await afterEvent("shipment.created", () =>
        createOrderShipmentWorkflow(container).run({
          input: { order_id: order.id, fulfillment_id: fulfillmentId, items: [{ id: full.items[0].id, quantity: 1 }] },
        })
      )
      await afterEvent("delivery.created", () =>
        markOrderFulfillmentAsDeliveredWorkflow(container).run({ input: { orderId: order.id, fulfillmentId } })
      )
      const slips = await h.sim.control.waitForPaper(FRONT, 2)
      expect(slips).toHaveLength(2)
      const jobs = await yly().listPrintJobs({ order_id: order.id })
      expect(jobs.map((j: any) => j.trigger).sort()).toEqual(["delivery.created", "shipment.created"])
      expect(jobs.every((j: any) => j.source === fulfillmentId)).toBe(true)
    })

    it("withdraws a print that has not come out yet when the order is canceled", async () => {
      await bind(FRONT)
      await h.sim.control.setPrinterState(FRONT, "offline", { push: false })
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.dumplings, quantity: 1 }])
      )
      const [queued] = await h.sim.control.prints({ machineCode: FRONT })
      expect(queued.status).toBe(0)
      await afterEvent("order.canceled", () => cancelOrderWorkflow(container).run({ input: { order_id: order.id } }))
      const [after] = await h.sim.control.prints({ machineCode: FRONT })
      expect(after.status).toBe(2)
      await h.sim.control.setPrinterState(FRONT, "online", { push: false })
      await new Promise((r) => setTimeout(r, 200))
      expect(await h.sim.control.paper(FRONT)).toHaveLength(0)
      const [job] = await yly().listPrintJobs({ order_id: order.id })
      expect(job.status).toBe("canceled")
      expect((await jobsOf(order.id)).metadata.yilianyun.status).toBe("canceled")
    })

    it("prints once through transient failures: 5xx and a timeout, same origin_id", async () => {
      await bind(FRONT)
      await h.sim.control.setFaults({ http5xxNext: 1, timeoutNext: 1 })
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      )
      // both inline attempts failed with an unknown outcome; the reconciler takes it up again
      expect((await yly().listPrintJobs({ order_id: order.id }))[0]).toMatchObject({ status: "unknown", attempts: 2 })
      await reconcilePrintsWorkflow(container).run({ input: { now: new Date() } })
      const slips = await h.sim.control.waitForPaper(FRONT, 1)
      expect(slips).toHaveLength(1)
      const [job] = await yly().listPrintJobs({ order_id: order.id })
      expect(job).toMatchObject({ status: "sent", attempts: 3 })
      // the timed-out request may have reached the cloud: the resend carried the same origin_id
      expect(new Set((await h.sim.control.prints({ machineCode: FRONT })).map((p) => p.originId)).size).toBe(1)
    })

    it("fails at once on a permanent error, with the reason in metadata and no retry storm", async () => {
      await bind(FRONT)
      await h.sim.control.setFaults({ errorNext: { code: 16, count: 1, paths: ["print/index"] } })
      const order = await afterEvent("order.placed", () =>
        placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      )
      const [job] = await yly().listPrintJobs({ order_id: order.id })
      expect(job).toMatchObject({ status: "failed", attempts: 1, last_error_code: "16" })
      const meta = (await jobsOf(order.id)).metadata.yilianyun
      expect(meta.status).toBe("failed")
      expect(meta.last_error).toMatch(/K1|K2|K3|model|型号/i)
      await reconcilePrintsWorkflow(container).run({ input: { now: new Date(Date.now() + 10 * 60_000) } })
      expect(await h.sim.control.prints({ machineCode: FRONT })).toHaveLength(0)
      expect((await yly().listPrintJobs({ order_id: order.id }))[0].attempts).toBe(1)
    })
  },
})
