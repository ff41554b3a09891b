import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { YilianyunClient } from "../../src/yilianyun"
import { printOrderWorkflow } from "../../src/workflows/print-order"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { waitForSubscribers } from "../helpers/events"
import { placeOrderViaStoreApi } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(240_000)

// a minute between token attempts after a failure, so the test moves the clock instead of racing it
const simulator = { env: { YILIANYUN_TOKEN_BACKOFF_MS: "60000" } }
const FRONT = "4004000801"
const KITCHEN = "4004000802"
const MINUTE = 60_000

/**
 * What the reconciler and the token store catch when events, the cloud or the token go missing:
 * every print an event should have made is made once, a print that never left is never given up,
 * one whose outcome is unknown is never re-sent past the cloud's dedupe window, and the token budget
 * cannot be burned by an outage or a wrong secret.
 */
storeTestSuite({ simulator, seed: true }, (s) => {
  const { api, bind, sql } = s
  const reconcileAt = (offsetMs = 2 * MINUTE) =>
    reconcilePrintsWorkflow(s.container).run({ input: { now: new Date(Date.now() + offsetMs) } })
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

  let buyers = 0
  /** An order whose events never reached the plugin. */
  const silentOrder = async (title = "鲜肉小笼包") => {
    const { result } = await createOrderWorkflow(s.container).run({
      input: {
        region_id: s.store.regionId,
        sales_channel_id: s.store.salesChannelId,
        email: `lost${++buyers}@example.com`,
        currency_code: "cny",
        items: [{ title, quantity: 1, unit_price: 22 }],
      } as any,
    })
    return result
  }
  const tokenAttempts = async () => Number((await sql(`SELECT count(*)::int AS n FROM yly_token_fetch`))[0].n)
  /** Time passes for the token store and the waiting jobs: the backoff after the last failure is over. */
  const backoffPasses = async () => {
    await sql(`UPDATE yly_token_fetch SET fetched_at = fetched_at - interval '11 minutes'`)
    await sql(`UPDATE yly_print_job SET next_attempt_at = now() - interval '1 second' WHERE status = 'waiting'`)
  }
  const printsOf = async (mc: string) => s.sim.control.prints({ machineCode: mc })

  it("never prints a draft order, and prints a real order whose order.placed was lost", async () => {
    await bind(FRONT)
    const draft = await api.post(
      "/admin/draft-orders",
      {
        email: "draft@example.com",
        region_id: s.store.regionId,
        sales_channel_id: s.store.salesChannelId,
        items: [{ title: "草稿 draft item", quantity: 1, unit_price: 10 }],
      },
      s.auth
    )
    const real = await silentOrder("真的订单 real")
    await reconcileAt()
    const slips = await s.sim.control.waitForPaper(FRONT, 1)
    await sleep(300)
    expect(await s.sim.control.paper(FRONT)).toHaveLength(1)
    expect(slips[0].content).toContain("real")
    expect(await s.yly.listPrintJobs({ order_id: draft.data.draft_order.id })).toHaveLength(0)
    expect(await s.yly.listPrintJobs({ order_id: real.id })).toHaveLength(1)
    // a second pass changes nothing
    await reconcileAt(3 * MINUTE)
    expect(await printsOf(FRONT)).toHaveLength(1)
  })

  it("gives the second printer the job it lost, without printing the first one again", async () => {
    const front = await bind(FRONT)
    const kitchen = await bind(KITCHEN, { templates: { "order.placed": ["kitchen"] } })
    const order = await silentOrder()
    // the event's run stopped after the first printer
    await printOrderWorkflow(s.container).run({ input: { order_id: order.id, trigger: "order.placed", printer_ids: [front.id] } })
    await s.sim.control.waitForPaper(FRONT, 1)
    expect(await printsOf(KITCHEN)).toHaveLength(0)
    await reconcileAt()
    await s.sim.control.waitForPaper(KITCHEN, 1)
    expect(await printsOf(FRONT)).toHaveLength(1)
    const jobs = await s.yly.listPrintJobs({ order_id: order.id })
    expect(jobs.map((j: any) => [j.printer_id, j.requested_by]).sort()).toEqual(
      [
        [front.id, "event"],
        [kitchen.id, "reconcile"],
      ].sort()
    )
  })

  it("catches up a lost payment.captured for a shop that prints only paid orders", async () => {
    await bind(FRONT, { templates: { "payment.captured": ["receipt"] } })
    const placed = waitForSubscribers(s.container, "order.placed")
    const order = await placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.tea, quantity: 1 }])
    await placed
    expect(await printsOf(FRONT)).toHaveLength(0)
    // captured by the payment module itself: no payment.captured event reaches the plugin
    const {
      data: [full],
    } = await s.container
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "order", fields: ["id", "payment_collections.payments.id"], filters: { id: order.id } })
    const paymentId = full.payment_collections[0].payments[0].id
    await s.container.resolve(Modules.PAYMENT).capturePayment({ payment_id: paymentId })
    await sleep(500)
    expect(await printsOf(FRONT)).toHaveLength(0)

    await reconcileAt()
    const slips = await s.sim.control.waitForPaper(FRONT, 1)
    expect(slips).toHaveLength(1)
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job).toMatchObject({ trigger: "payment.captured", requested_by: "reconcile" })
    await reconcileAt(3 * MINUTE)
    expect(await printsOf(FRONT)).toHaveLength(1)
  })

  it("one order that throws does not stop the pass: the others print, it is tried again", async () => {
    await bind(FRONT)
    const [a, b, c] = [await silentOrder("甲 A"), await silentOrder("乙 B"), await silentOrder("丙 C")]
    // the database refuses any job of order B (a fault in the database, not in our code)
    await sql(`CREATE OR REPLACE FUNCTION yly_test_refuse() RETURNS trigger AS $$
      BEGIN IF NEW.order_id = '${b.id}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`)
    await sql(`CREATE TRIGGER yly_test_refuse BEFORE INSERT ON yly_print_job FOR EACH ROW EXECUTE FUNCTION yly_test_refuse()`)
    try {
      const { result } = await reconcileAt()
      expect(result.missed.printed.sort()).toEqual([a.id, c.id].sort())
    } finally {
      await sql(`DROP TRIGGER yly_test_refuse ON yly_print_job`)
    }
    await s.sim.control.waitForPaper(FRONT, 2)
    const [check] = await sql(`SELECT attempts, last_error FROM yly_route_check WHERE order_id = ?`, [b.id])
    expect(check).toMatchObject({ attempts: 1, last_error: expect.stringContaining("refused for the test") })
    // later passes (pruning, metadata) ran, and the next pass prints B
    await reconcileAt(3 * MINUTE)
    const slips = await s.sim.control.waitForPaper(FRONT, 3)
    expect(slips.filter((s) => s.content.includes("乙 B"))).toHaveLength(1)
    expect(await printsOf(FRONT)).toHaveLength(3)
  })

  it("a token endpoint down for a while gets a handful of attempts, not one per job or retry, and each order prints once after", async () => {
    await bind(FRONT)
    // no token stored yet (a new store, or one whose token was revoked)
    await sql(`DELETE FROM yly_credential`)
    await sql(`DELETE FROM yly_token_fetch`)
    s.yly.forgetCachedToken()
    await s.sim.control.setFaults({ http5xxNext: 10_000, http5xxStatus: 502 })
    const orders = await Promise.all(Array.from({ length: 6 }, (_, i) => silentOrder(`单 ${i}`)))
    await Promise.all(orders.map((o) => printOrderWorkflow(s.container).run({ input: { order_id: o.id, trigger: "order.placed" } })))
    await reconcileAt()
    await reconcileAt()
    expect(await tokenAttempts()).toBe(1)
    const status = (await api.get("/admin/yilianyun/status", s.auth)).data.token
    expect(status.backoff_until).toBeTruthy()
    const jobs = await s.yly.listPrintJobs({ order_id: orders.map((o) => o.id) })
    expect(jobs.map((j: any) => j.status)).toEqual(orders.map(() => "waiting"))

    await backoffPasses() // the store-wide backoff
    await reconcileAt()
    expect(await tokenAttempts()).toBe(2)
    await reconcileAt() // backing off again: no attempt
    expect(await tokenAttempts()).toBe(2)
    await s.sim.control.clearFaults()
    await backoffPasses()
    await reconcileAt()
    expect(await tokenAttempts()).toBe(3)
    await s.sim.control.waitForPaper(FRONT, 6)
    const prints = await printsOf(FRONT)
    expect(prints).toHaveLength(6)
    expect(prints.every((p) => p.submissions === 1)).toBe(true)
  })

  it("error 41 (the cloud's daily token limit) makes jobs wait, and after it each waiting order prints once", async () => {
    await bind(FRONT) // binding fetched the store's token
    await sql(`DELETE FROM yly_credential`)
    s.yly.forgetCachedToken()
    // another app instance (or a script) spent the cloud's quota of 20 fetches
    const other = new YilianyunClient({ clientId: s.sim.clientId, clientSecret: s.sim.clientSecret, apiUrl: `${s.sim.url}/v2` })
    for (let i = (await s.sim.control.tokens()).fetchesInWindow; i < 20; i++) await other.oauth.getToken()
    await other.close()
    const orders = [await silentOrder("一"), await silentOrder("二")]
    for (const o of orders) await printOrderWorkflow(s.container).run({ input: { order_id: o.id, trigger: "order.placed" } })
    const jobs = await s.yly.listPrintJobs({ order_id: orders.map((o) => o.id) })
    expect(jobs.map((j: any) => j.status)).toEqual(["waiting", "waiting"])
    expect(jobs[0].last_error).toMatch(/20|limit|限制|次数/)
    expect((await api.get("/admin/yilianyun/status", s.auth)).data.token.last_error).toMatch(/41|20|limit|次数/)

    await s.sim.control.advanceClock(24 * 60 * MINUTE + MINUTE) // the cloud's window frees
    await backoffPasses()
    await reconcileAt()
    await s.sim.control.waitForPaper(FRONT, 2)
    await reconcileAt()
    const prints = await printsOf(FRONT)
    expect(prints).toHaveLength(2)
    expect(prints.every((p) => p.submissions === 1)).toBe(true)
  })

  it("a wrong secret stops token fetches at once (not one per job) and the guarded reset works once it is fixed", async () => {
    await bind(FRONT)
    await sql(`DELETE FROM yly_credential`)
    await sql(`DELETE FROM yly_token_fetch`)
    s.yly.forgetCachedToken()
    await s.sim.control.setFaults({ errorNext: { code: 11, count: 1000, paths: ["oauth/oauth"] } })
    const orders = [await silentOrder("一"), await silentOrder("二"), await silentOrder("三")]
    for (const o of orders) await printOrderWorkflow(s.container).run({ input: { order_id: o.id, trigger: "order.placed" } })
    await reconcileAt()
    expect(await tokenAttempts()).toBe(1)
    const token = (await api.get("/admin/yilianyun/status", s.auth)).data.token
    expect(token.fetch_blocked).toMatchObject({ reason: "secret" })
    expect(token.fetches_last_24h).toBe(0) // a refused fetch spent no budget
    expect(token.budget_left).toBe(20)

    await s.sim.control.clearFaults() // the merchant fixed the secret
    const reset = await api.post("/admin/yilianyun/token/reset", { confirm: true }, s.auth)
    expect(reset.status).toBe(200)
    await reconcileAt()
    await s.sim.control.waitForPaper(FRONT, 3)
    expect((await api.get("/admin/yilianyun/status", s.auth)).data.token.fetch_blocked).toBeNull()
  })

  it("a print that never reached the cloud is sent hours later, marked late; one with an unknown outcome past the window is never re-sent", async () => {
    await bind(FRONT)
    const waited = await silentOrder("等了三小时")
    const unsure = await silentOrder("不确定")
    // unsure: every attempt times out (the cloud never answers): its outcome is unknown
    await s.sim.control.setFaults({ timeoutNext: 2 }) // both inline attempts
    await printOrderWorkflow(s.container).run({ input: { order_id: unsure.id, trigger: "order.placed" } })
    const [unsureJob] = await s.yly.listPrintJobs({ order_id: unsure.id })
    expect(unsureJob.status).toBe("unknown")
    await s.sim.control.clearFaults()
    // waited: created three hours ago and never sent (the event's process died at once)
    await s.yly.ledger.createJobs(waited.id, null, () => [
      { order_id: waited.id, printer_id: unsureJob.printer_id, trigger: "order.placed", template: "receipt", source: "", requested_by: "event", parts: ["<center>等了三小时</center>\n"] },
    ])
    await sql(`UPDATE yly_print_job SET created_at = now() - interval '3 hours' WHERE order_id = ?`, [waited.id])
    // the clock moves three hours on for the unsure one's first attempt
    await sql(`UPDATE yly_print_part SET first_attempt_at = now() - interval '3 hours' WHERE job_id = ?`, [unsureJob.id])
    await sql(`UPDATE yly_print_job SET next_attempt_at = now() - interval '1 minute' WHERE id = ?`, [unsureJob.id])

    await reconcileAt()
    const slips = await s.sim.control.waitForPaper(FRONT, 1)
    await sleep(300)
    expect(slips).toHaveLength(1)
    expect(slips[0].content).toContain("等了三小时")
    expect(slips[0].content).toMatch(/LATE/)
    const [after] = await s.yly.listPrintJobs({ order_id: unsure.id })
    expect(after).toMatchObject({ status: "failed" })
    expect(after.last_error).toMatch(/not sent again|could print twice/)
    expect((await printsOf(FRONT)).filter((p) => p.content.includes("不确定"))).toHaveLength(0)
  })
})
