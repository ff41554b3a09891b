import { Modules } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import { printOrderWorkflow } from "../../src/workflows/print-order"
import { ChildMedusa } from "../helpers/child-medusa"
import { seedTestStore, TestStore } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(240_000)

const MC = "4004000201"

storeTestSuite({}, (s) => {
  const { api, dbConfig, bind, sql } = s
  const fetches = async () => (await s.sim.control.tokens()).fetchesInWindow

  beforeEach(async () => {
    await bind(MC)
  })

  /** Removes the stored token, as on a store that never fetched one. */
  const dropStoredToken = async () => {
    await sql("DELETE FROM yly_credential")
    s.yly.forgetCachedToken()
  }

  const createOrders = async (store: TestStore, n: number) => {
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const { result } = await createOrderWorkflow(s.container).run({
        input: {
          region_id: store.regionId,
          sales_channel_id: store.salesChannelId,
          email: `buyer${i}@example.com`,
          currency_code: "cny",
          items: [{ title: `小笼包 ${i}`, quantity: 1, unit_price: 22 }],
        } as any,
      })
      ids.push(result.id)
    }
    return ids
  }

  it("fetches exactly one token for 50 concurrent prints on a store that has none", async () => {
    const store = await seedTestStore(s.container)
    const orders = await createOrders(store, 50)
    await dropStoredToken()
    const before = await fetches()
    const results = await Promise.all(
      orders.map((order_id) => printOrderWorkflow(s.container).run({ input: { order_id, trigger: "order.placed" } }))
    )
    expect(results.every((r) => Object.values(r.result.outcomes).every((o) => o === "sent"))).toBe(true)
    expect((await fetches()) - before).toBe(1)
    expect(await s.sim.control.prints({ machineCode: MC })).toHaveLength(50)
  })

  it("shares one token between two OS processes, survives a restart, and refetches once after a revocation", async () => {
    await dropStoredToken()
    const child = new ChildMedusa("./integration-tests/fixtures/token-race.ts", {
      DATABASE_URL: dbConfig.clientUrl,
      RACE_MACHINE_CODE: MC,
      RACE_CALLS: "10",
    })
    try {
      await child.waitFor("READY")
      const race = async () => {
        child.send("GO")
        s.yly.forgetCachedToken()
        const mine = await Promise.all(
          Array.from({ length: 10 }, () => s.yly.withApi((a) => a.printer.getPrintStatus(MC)))
        )
        const theirs = await child.waitFor("DONE")
        return { mine: mine.length, theirs }
      }

      // no token anywhere: both processes at once → one fetch
      let before = await fetches()
      let r = await race()
      expect(r.theirs).toMatch(/^DONE 10 /)
      expect((await fetches()) - before).toBe(1)

      // a restart of both: the stored token is reused, no fetch
      before = await fetches()
      r = await race()
      expect(r.theirs).toMatch(/^DONE 10 /)
      expect((await fetches()) - before).toBe(0)

      // the cloud revokes the token (18): one refetch, not one per process
      await s.sim.control.revokeToken()
      before = await fetches()
      r = await race()
      expect(r.theirs).toMatch(/^DONE 10 /)
      expect((await fetches()) - before).toBe(1)
    } finally {
      await child.stop()
    }
  })

  it("never makes a 21st fetch in 24 hours: jobs wait, and the status route says until when", async () => {
    // spend the day's budget through the guarded reset (19 more after the bind's fetch)
    for (let i = 0; i < 19; i++) await s.yly.resetToken()
    expect(await fetches()).toBe(20)
    await s.sim.control.revokeToken()
    const store = await seedTestStore(s.container)
    const [orderId] = await createOrders(store, 1)
    await printOrderWorkflow(s.container).run({ input: { order_id: orderId, trigger: "order.placed" } })
    expect(await fetches()).toBe(20)
    const [job] = await s.yly.listPrintJobs({ order_id: orderId })
    expect(job).toMatchObject({ status: "waiting", last_error_code: "token_budget" })
    expect(job.next_attempt_at).toBeTruthy()
    const status = await api.get("/admin/yilianyun/status", s.auth)
    expect(status.data.token).toMatchObject({ fetches_last_24h: 20, budget_left: 0 })
    expect(status.data.token.budget_frees_at).toBeTruthy()
    expect(status.data.message).toMatch(/budget/i)
    const bus = s.container.resolve(Modules.EVENT_BUS)
    expect(bus).toBeTruthy()
  })
})
