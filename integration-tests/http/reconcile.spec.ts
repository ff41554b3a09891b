import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { expectedMsign } from "../../src/simulator"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { adminHeaders } from "../helpers/admin"
import { waitForSubscribers } from "../helpers/events"
import { useSimulator } from "../helpers/simulator"
import { placeOrderViaStoreApi, seedTestStore, TestStore } from "../helpers/store"

jest.setTimeout(180_000)

const h = useSimulator()
const MC = "4004000301"
const MINUTE = 60_000

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let container: MedusaContainer
    let store: TestStore
    let printer: any
    const yly = () => container.resolve<any>("yilianyun")
    const reconcileAt = (offsetMs: number) =>
      reconcilePrintsWorkflow(container).run({ input: { now: new Date(Date.now() + offsetMs) } })

    beforeEach(async () => {
      container = getContainer()
      yly().forgetCachedToken()
      auth = await adminHeaders(api, container)
      store = await seedTestStore(container)
      printer = (await api.post("/admin/yilianyun/printers", { machine_code: MC, msign: expectedMsign(MC) }, auth)).data.printer
    })

    /** An order created without order.placed: the event that was lost. */
    const orderWithoutEvent = async () => {
      const { result } = await createOrderWorkflow(container).run({
        input: {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: "lost@example.com",
          currency_code: "cny",
          items: [{ title: "鲜肉小笼包", quantity: 2, unit_price: 22 }],
        } as any,
      })
      return result
    }

    it("sends again, after a restart, a job whose attempts timed out (outcome unknown), with the same origin_id", async () => {
      await h.sim.control.setFaults({ timeoutNext: 50 })
      const done = waitForSubscribers(container, "order.placed")
      const order = await placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      await done
      const [stuck] = await yly().listPrintJobs({ order_id: order.id })
      expect(stuck).toMatchObject({ status: "unknown", attempts: 2, last_error_code: "timeout" })
      expect(await h.sim.control.paper(MC)).toHaveLength(0)

      await h.sim.control.clearFaults()
      yly().forgetCachedToken() // a restarted process knows only what the database holds
      await reconcileAt(MINUTE)
      const slips = await h.sim.control.waitForPaper(MC, 1)
      expect(slips).toHaveLength(1)
      const [job] = await yly().listPrintJobs({ order_id: order.id })
      expect(job.status).toBe("sent")
      expect(job.attempts).toBe(3)
    })

    it("prints an order whose order.placed never arrived", async () => {
      const order = await orderWithoutEvent()
      await reconcileAt(2 * MINUTE)
      const slips = await h.sim.control.waitForPaper(MC, 1)
      expect(slips[0].content).toContain("小笼包")
      const [job] = await yly().listPrintJobs({ order_id: order.id })
      expect(job).toMatchObject({ requested_by: "reconcile", trigger: "order.placed" })
      await reconcileAt(3 * MINUTE)
      expect(await h.sim.control.prints({ machineCode: MC })).toHaveLength(1)
    })

    it("does not print orders placed before the printer was bound", async () => {
      const order = await orderWithoutEvent()
      await yly().updatePrinters({ id: printer.id, bound_at: new Date(new Date(order.created_at).getTime() + MINUTE) })
      await reconcileAt(2 * MINUTE)
      expect(await yly().listPrintJobs({ order_id: order.id })).toHaveLength(0)
      expect(await h.sim.control.prints({ machineCode: MC })).toHaveLength(0)
    })

    it("asks the cloud about a print with no finish push, records it printed, and prunes it after the retention", async () => {
      const done = waitForSubscribers(container, "order.placed")
      const order = await placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.noodles, quantity: 1 }])
      await done
      await h.sim.control.waitForPaper(MC, 1)
      expect((await yly().listPrintJobs({ order_id: order.id }))[0].status).toBe("sent")
      await reconcileAt(4 * MINUTE) // not yet: the finish push may still come
      expect((await yly().listPrintJobs({ order_id: order.id }))[0].status).toBe("sent")
      await reconcileAt(6 * MINUTE)
      const [job] = await yly().listPrintJobs({ order_id: order.id })
      expect(job.status).toBe("printed")
      const meta = (await api.get(`/admin/orders/${order.id}?fields=id,metadata`, auth)).data.order.metadata
      expect(meta.yilianyun).toMatchObject({ status: "printed" })
      expect(meta.yilianyun.printed_at).toBeTruthy()

      await reconcileAt(91 * 24 * 60 * MINUTE)
      expect(await yly().listPrintJobs({ order_id: order.id })).toHaveLength(0)
    })
  },
})
