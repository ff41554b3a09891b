import { createOrderFulfillmentWorkflow } from "@medusajs/medusa/core-flows"
import { waitForSubscribers } from "../helpers/events"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const PUSH_URL = "https://shop.example.com/hooks/yilianyun"
const MC = "4004000501"

const simulator = { env: { YILIANYUN_REJECT_ACTION: "cancel", YILIANYUN_PUSH_URL: PUSH_URL } }
storeTestSuite({ simulator, seed: true }, (s) => {
  const { api, bind, sql } = s

  const rejectOnDevice = async () => {
    await bind(MC, { mode: "confirm" })
    for (const cmd of ["oauth_finish", "oauth_getOrder"] as const) {
      await s.sim.control.setPushTarget({ cmd, url: s.hookUrl, pinned: true })
    }
    const order = await s.placeOrder([{ variant_id: s.store.variants.tea, quantity: 1 }])
    const [print] = await s.sim.control.prints({ machineCode: MC })
    return { order, print }
  }

  const orderState = async (id: string) =>
    (await api.get(`/admin/orders/${id}?fields=id,status,metadata`, s.auth)).data.order

  it("cancels the order through Medusa's cancel workflow when it is rejected on the device", async () => {
    const { order, print } = await rejectOnDevice()
    await s.sim.control.waitFor(async () => (await s.sim.control.prints({ machineCode: MC }))[0]?.waitingFor === "decision")
    const canceled = waitForSubscribers(s.container, "order.canceled")
    await s.sim.control.pressButton(MC, print.printId, "left")
    await canceled
    const o = await s.sim.control.waitFor(async () => {
      const r = await orderState(order.id)
      return r.metadata?.yilianyun?.decision === "rejected" && r.metadata.yilianyun.decision_note ? r : undefined
    })
    expect(o.status).toBe("canceled")
    expect(o.metadata.yilianyun.decision_note).toMatch(/canceled/)
  })

  it("keeps the rejection in metadata, with the reason, when the order can no longer be canceled", async () => {
    const { order, print } = await rejectOnDevice()
    const full = (await api.get(`/admin/orders/${order.id}?fields=id,items.id`, s.auth)).data.order
    await createOrderFulfillmentWorkflow(s.container).run({
      input: { order_id: order.id, items: [{ id: full.items[0].id, quantity: 1 }], location_id: s.store.locationId },
    })
    await s.sim.control.waitFor(async () => (await s.sim.control.prints({ machineCode: MC }))[0]?.waitingFor === "decision")
    await s.sim.control.pressButton(MC, print.printId, "left")
    // the decision shows at once; what came of the cancel follows when Medusa's workflow has answered
    const o = await s.sim.control.waitFor(async () => {
      const r = await orderState(order.id)
      return r.metadata?.yilianyun?.decision === "rejected" && r.metadata.yilianyun.decision_note ? r : undefined
    }, { timeoutMs: 10_000 })
    expect(o.status).not.toBe("canceled")
    expect(o.metadata.yilianyun.decision_note).toMatch(/could not be canceled/)
  })

  it("registers the push URL for every push kind once, and again only when forced", async () => {
    const first = await s.yly.registerPushUrl()
    if (first.registered) {
      const targets = await s.sim.control.pushTargets()
      // the three commands v2's setpushurl documents
      expect(targets.map((t) => t.cmd).sort()).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus"])
      expect(targets.every((t) => t.url === PUSH_URL)).toBe(true)
    }
    await s.sim.control.reset()
    s.yly.forgetCachedToken()
    expect(await s.yly.registerPushUrl()).toEqual({ url: PUSH_URL, registered: false, refused: [] })
    expect(await s.sim.control.pushTargets()).toHaveLength(0)
    const status = await api.get("/admin/yilianyun/status", s.auth)
    expect(status.data).toMatchObject({ push_url: PUSH_URL, push_url_registered: true })
    expect(await s.yly.registerPushUrl({ force: true })).toEqual({ url: PUSH_URL, registered: true, refused: [] })
    expect(await s.sim.control.pushTargets()).toHaveLength(3)

    // registered with another endpoint (the store moved from the domestic to the overseas API, say)
    await sql("UPDATE yly_credential SET push_url_api = 'https://open-api-os.10ss.net/v2'")
    expect((await api.get("/admin/yilianyun/status", s.auth)).data.push_url_registered).toBe(false)
    await s.sim.control.reset()
    s.yly.forgetCachedToken()
    expect(await s.yly.registerPushUrl()).toEqual({ url: PUSH_URL, registered: true, refused: [] })
    expect(await s.sim.control.pushTargets()).toHaveLength(3)
  })
})
