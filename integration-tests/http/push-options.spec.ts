import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { expectedMsign } from "../../src/simulator"
import { adminHeaders } from "../helpers/admin"
import { waitForSubscribers } from "../helpers/events"
import { useSimulator } from "../helpers/simulator"
import { placeOrderViaStoreApi, seedTestStore, TestStore } from "../helpers/store"

jest.setTimeout(180_000)

const PUSH_URL = "https://shop.example.com/hooks/yilianyun"
const h = useSimulator({ env: { YILIANYUN_REJECT_ACTION: "cancel", YILIANYUN_PUSH_URL: PUSH_URL } })
const MC = "4004000501"

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let container: MedusaContainer
    let store: TestStore
    const yly = () => container.resolve<any>("yilianyun")

    beforeEach(async () => {
      container = getContainer()
      yly().forgetCachedToken()
      auth = await adminHeaders(api, container)
      store = await seedTestStore(container)
    })

    const rejectOnDevice = async () => {
      await api.post("/admin/yilianyun/printers", { machine_code: MC, msign: expectedMsign(MC), mode: "confirm" }, auth)
      for (const cmd of ["oauth_finish", "oauth_getOrder"] as const) {
        await h.sim.control.setPushTarget({ cmd, url: `${api.defaults.baseURL}/hooks/yilianyun` })
      }
      const done = waitForSubscribers(container, "order.placed")
      const order = await placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
      await done
      const [print] = await h.sim.control.prints({ machineCode: MC })
      return { order, print }
    }

    const orderState = async (id: string) =>
      (await api.get(`/admin/orders/${id}?fields=id,status,metadata`, auth)).data.order

    it("cancels the order through Medusa's cancel workflow when it is rejected on the device", async () => {
      const { order, print } = await rejectOnDevice()
      await h.sim.control.waitFor(async () => (await h.sim.control.prints({ machineCode: MC }))[0]?.waitingFor === "decision")
      const canceled = waitForSubscribers(container, "order.canceled")
      await h.sim.control.pressButton(MC, print.printId, "left")
      await canceled
      const o = await h.sim.control.waitFor(async () => {
        const r = await orderState(order.id)
        return r.metadata?.yilianyun?.decision === "rejected" && r.metadata.yilianyun.decision_note ? r : undefined
      })
      expect(o.status).toBe("canceled")
      expect(o.metadata.yilianyun.decision_note).toMatch(/canceled/)
    })

    it("keeps the rejection in metadata, with the reason, when the order can no longer be canceled", async () => {
      const { order, print } = await rejectOnDevice()
      const full = (await api.get(`/admin/orders/${order.id}?fields=id,items.id`, auth)).data.order
      await createOrderFulfillmentWorkflow(container).run({
        input: { order_id: order.id, items: [{ id: full.items[0].id, quantity: 1 }], location_id: store.locationId },
      })
      await h.sim.control.waitFor(async () => (await h.sim.control.prints({ machineCode: MC }))[0]?.waitingFor === "decision")
      await h.sim.control.pressButton(MC, print.printId, "left")
      // the decision shows at once; what came of the cancel follows when Medusa's workflow has answered
      const o = await h.sim.control.waitFor(async () => {
        const r = await orderState(order.id)
        return r.metadata?.yilianyun?.decision === "rejected" && r.metadata.yilianyun.decision_note ? r : undefined
      }, { timeoutMs: 10_000 })
      expect(o.status).not.toBe("canceled")
      expect(o.metadata.yilianyun.decision_note).toMatch(/could not be canceled/)
    })

    it("registers the push URL for every push kind once, and again only when forced", async () => {
      const first = await yly().registerPushUrl()
      if (first.registered) {
        const targets = await h.sim.control.pushTargets()
        // the three commands v2's setpushurl documents
        expect(targets.map((t) => t.cmd).sort()).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus"])
        expect(targets.every((t) => t.url === PUSH_URL)).toBe(true)
      }
      await h.sim.control.reset()
      yly().forgetCachedToken()
      expect(await yly().registerPushUrl()).toEqual({ url: PUSH_URL, registered: false, refused: [] })
      expect(await h.sim.control.pushTargets()).toHaveLength(0)
      const status = await api.get("/admin/yilianyun/status", auth)
      expect(status.data).toMatchObject({ push_url: PUSH_URL, push_url_registered: true })
      expect(await yly().registerPushUrl({ force: true })).toEqual({ url: PUSH_URL, registered: true })
      expect(await h.sim.control.pushTargets()).toHaveLength(4)

      // registered with another endpoint (the store moved from the domestic to the overseas API, say)
      await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(
        "UPDATE yly_credential SET push_url_api = 'https://open-api-os.10ss.net/v2'"
      )
      expect((await api.get("/admin/yilianyun/status", auth)).data.push_url_registered).toBe(false)
      await h.sim.control.reset()
      yly().forgetCachedToken()
      expect(await yly().registerPushUrl()).toEqual({ url: PUSH_URL, registered: true })
      expect(await h.sim.control.pushTargets()).toHaveLength(4)
    })
  },
})
