import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { expectedMsign } from "../../src/simulator"
import { refreshOrderPrintMetadata } from "../../src/workflows/utils/refresh-order-metadata"
import { ChildMedusa } from "../helpers/child-medusa"
import { waitForSubscribers } from "../helpers/events"
import { placeOrderViaStoreApi } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(240_000)

const MC = "4004000701"

/**
 * The print ledger's promises where they matter: a cancel or a reprint that meets a print in
 * flight or queued at an offline printer never lets it print as well; two processes never send one
 * job; a device decides only the print that asked, once; a rebuild of the order's metadata never
 * reverts another writer's key; the printer key is stored nowhere.
 */
storeTestSuite({ seed: true }, (s) => {
  const { api, dbConfig, sql } = s
  const bind = (extra: Record<string, unknown> = {}) => s.bind(MC, extra)

  const placeOrder = async () => {
    const done = waitForSubscribers(s.container, "order.placed")
    const order = await placeOrderViaStoreApi(api, s.store, [{ variant_id: s.store.variants.dumplings, quantity: 1 }])
    return { order, done }
  }
  const jobsOf = (orderId: string) => s.yly.listPrintJobs({ order_id: orderId }, { relations: ["parts"], order: { created_at: "ASC" } })
  const until = <T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000) => s.sim.control.waitFor(probe, { timeoutMs })
  const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms))

  it("a cancel that meets a print in flight withdraws it once the cloud has answered: nothing prints after", async () => {
    await bind()
    await s.sim.control.setPrinterState(MC, "offline") // what reaches the cloud stays queued there
    await s.sim.control.setFaults({ latencyMs: 800 }) // under the test client's 1.5 s request timeout
    const { order, done } = await placeOrder()
    await until(async () => (await jobsOf(order.id))[0]?.status === "sending")
    const canceled = waitForSubscribers(s.container, "order.canceled")
    await cancelOrderWorkflow(s.container).run({ input: { order_id: order.id } as any })
    await canceled
    await done
    const [job] = await until(async () => {
      const jobs = await jobsOf(order.id)
      return jobs[0]?.status === "canceled" ? jobs : undefined
    })
    expect(job.parts[0]).toMatchObject({ status: "canceled" })
    expect(job.parts[0].print_id).toBeTruthy() // it did reach the cloud, and was withdrawn there
    await s.sim.control.clearFaults()
    await s.sim.control.setPrinterState(MC, "online")
    await settle()
    expect(await s.sim.control.paper(MC)).toHaveLength(0)
    const [print] = await s.sim.control.prints({ machineCode: MC })
    expect(print.status).toBe(2) // canceled at the cloud
    expect((await api.get(`/admin/orders/${order.id}?fields=id,metadata`, s.auth)).data.order.metadata.yilianyun.status).toBe("canceled")
  })

  it("a reprint of a job queued at an offline printer withdraws the original: one print comes out when it returns", async () => {
    const printer = await bind()
    await s.sim.control.setPrinterState(MC, "offline")
    const { order, done } = await placeOrder()
    await done
    const [original] = await jobsOf(order.id)
    expect(original.status).toBe("sent")

    const res = await api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: printer.id }, s.auth)
    expect(res.status).toBe(201)
    expect(res.data.jobs).toHaveLength(1)
    expect(res.data.jobs[0]).toMatchObject({ reprint_of: original.id })
    const [before] = await jobsOf(order.id)
    expect(before).toMatchObject({ id: original.id, status: "canceled", replaced_by: res.data.jobs[0].id })

    await s.sim.control.setPrinterState(MC, "online")
    const slips = await s.sim.control.waitForPaper(MC, 1)
    await settle()
    expect(await s.sim.control.paper(MC)).toHaveLength(1)
    expect(slips[0].content).toContain("REPRINT")
    // retrying the replaced original again is refused: it was retried already
    const again = await api.post(`/admin/yilianyun/jobs/retry`, { job_ids: [original.id] }, s.auth).catch((e: any) => e.response)
    expect(again.status).toBe(409)
    expect(again.data).toMatchObject({ type: "already_retried", reprint_id: res.data.jobs[0].id })
  })

  it("two processes sending the same due jobs: each part reaches the cloud once", async () => {
    await bind()
    // jobs whose event died right after creating them: due for any process that looks
    const orders = [] as string[]
    for (let i = 0; i < 6; i++) {
      const { result } = await require("@medusajs/medusa/core-flows").createOrderWorkflow(s.container).run({
        input: {
          region_id: s.store.regionId,
          sales_channel_id: s.store.salesChannelId,
          email: `race${i}@example.com`,
          currency_code: "cny",
          items: [{ title: `小笼包 ${i}`, quantity: 1, unit_price: 22 }],
        },
      })
      orders.push(result.id)
    }
    const [printer] = await s.yly.listPrinters({ machine_code: MC })
    for (const id of orders) {
      await s.yly.ledger.createJobs(id, null, () => [
        { order_id: id, printer_id: printer.id, trigger: "order.placed", template: "receipt", source: "", requested_by: "event", parts: [`<center>${id}</center>`, `<center>${id} 2/2</center>`] },
      ])
    }
    await sql(`UPDATE yly_print_job SET created_at = now() - interval '5 minutes' WHERE order_id IN (${orders.map(() => "?").join(", ")})`, orders)
    await s.sim.control.setFaults({ latencyMs: 150 }) // both processes are in the middle of it at once

    const child = new ChildMedusa("./integration-tests/fixtures/send-due.ts", { DATABASE_URL: dbConfig.clientUrl })
    try {
      await child.waitFor("READY")
      child.send("GO")
      const mine = await require("../../src/workflows/utils/send-job").sendJobs(
        s.container,
        (await s.yly.listDueJobs(500)).map((j: any) => j.id)
      )
      const theirs = JSON.parse((await child.waitFor("DONE")).slice(5))
      const sent = [...Object.values(mine), ...Object.values(theirs)].filter((o) => o === "sent")
      expect({ sent: sent.length, mine, theirs }).toMatchObject({ sent: orders.length }) // each job sent by exactly one of them
    } finally {
      await child.stop()
    }
    const prints = await s.sim.control.prints({ machineCode: MC })
    expect(prints).toHaveLength(orders.length * 2)
    expect(prints.map((p) => p.submissions)).toEqual(prints.map(() => 1))
    // and each printer's jobs went out in order: part 1 before part 2
    for (const id of orders) {
      const [a, b] = prints.filter((p) => p.content.includes(id)).sort((x, y) => Number(BigInt(x.printId) - BigInt(y.printId)))
      expect(a.content).not.toContain("2/2")
      expect(b.content).toContain("2/2")
    }
  })

  it("the device decides only the print that asked, and only once", async () => {
    const printer = await bind({ mode: "confirm" })
    for (const cmd of ["oauth_finish", "oauth_getOrder"] as const) {
      await s.sim.control.setPushTarget({ cmd, url: `${api.defaults.baseURL}/hooks/yilianyun` })
    }
    const { order, done } = await placeOrder()
    await done
    const [print] = await s.sim.control.prints({ machineCode: MC })
    await until(async () => (await s.sim.control.prints({ machineCode: MC }))[0]?.waitingFor === "decision")
    await s.sim.control.pressButton(MC, print.printId, "right") // accept
    const meta = async () => (await api.get(`/admin/orders/${order.id}?fields=id,metadata`, s.auth)).data.order.metadata.yilianyun
    await until(async () => (await meta())?.decision === "accepted")

    // a second decision for the same print (another key press, a replay of another state)
    await s.sim.control.sendPush("oauth_getOrder", { machine_code: MC, order_id: print.printId, state: 0 })
    // a reprint's decision (the printer is in accept/reject mode, so every print asks)
    const reprint = await api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: printer.id }, s.auth)
    const reprintPrint = await until(async () =>
      (await s.sim.control.prints({ machineCode: MC })).find((p) => p.printId !== print.printId && p.waitingFor === "decision")
    )
    await s.sim.control.pressButton(MC, reprintPrint.printId, "left") // reject
    await until(async () => {
      const events = await s.yly.listPushEvents({ cmd: "oauth_getOrder" })
      return events.length === 3 && events.every((e: any) => e.outcome) ? events : undefined
    })
    const outcomes = (await s.yly.listPushEvents({ cmd: "oauth_getOrder" }, { order: { created_at: "ASC" } })).map((e: any) => e.outcome)
    expect(outcomes).toEqual(["accepted", "decision-repeated", "decision-not-asked"])
    expect(await meta()).toMatchObject({ decision: "accepted" })
    const jobs = await jobsOf(order.id)
    expect(jobs.find((j: any) => j.id === reprint.data.jobs[0].id)).toMatchObject({ asks_decision: false, decision: null })
    expect(await s.sim.control.paper(MC)).toHaveLength(2)
    expect((await s.sim.control.paper(MC))[1].content).not.toContain("<MC>")
  })

  it("a key another writer changes while a rebuild is writing survives it", async () => {
    await bind()
    const { order, done } = await placeOrder()
    await done
    const orders = s.container.resolve(Modules.ORDER)
    await orders.updateOrders(order.id, { metadata: { note: "a", gone: "soon" } })
    await refreshOrderPrintMetadata(s.container, order.id)

    // another writer holds the order row and changes a key while our rebuild waits to write
    const knex = s.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const trx = await knex.transaction()
    await trx.raw(`SELECT id FROM "order" WHERE id = ? FOR UPDATE`, [order.id])
    const rebuild = refreshOrderPrintMetadata(s.container, order.id)
    await settle(300) // the rebuild has read the jobs and is blocked on the row
    await trx.raw(`UPDATE "order" SET metadata = (metadata - 'gone') || '{"note": "b"}'::jsonb WHERE id = ?`, [order.id])
    await trx.commit()
    await rebuild

    const { metadata } = (await api.get(`/admin/orders/${order.id}?fields=id,metadata`, s.auth)).data.order
    expect(metadata.note).toBe("b")
    expect(metadata.gone).toBeUndefined()
    expect(metadata.yilianyun).toMatchObject({ status: expect.stringMatching(/sent|printed/), jobs: 1 })
  })

  it("stores the printer key (msign) nowhere: no table and no workflow execution holds it", async () => {
    await bind()
    const key = expectedMsign(MC)
    const tables: { table_name: string }[] = await sql(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
    )
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["workflow_execution", "yly_printer"]))
    const holding: string[] = []
    for (const { table_name } of tables) {
      const [row] = await sql(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE ?`, [`%${key}%`])
      if (row.n > 0) holding.push(table_name)
    }
    expect(holding).toEqual([])
    // the check can see a key where one is
    await sql(`UPDATE yly_printer SET name = ? WHERE machine_code = ?`, [key, MC])
    const [seen] = await sql(`SELECT count(*)::int AS n FROM yly_printer t WHERE t::text LIKE ?`, [`%${key}%`])
    expect(seen.n).toBe(1)
  })
})
