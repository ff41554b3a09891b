import { pushSign } from "../../src/simulator"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(240_000)

const PUSH_URL = "https://shop.example.com/hooks/yilianyun"
const A = "4004000901"
const B = "4004000902"

/**
 * Pushes as the cloud may really send them, each against a simulator switch for what the
 * documents leave open: finish pushes without a print id, a cloud clock that runs ahead, a
 * re-delivered older status, a push naming another printer's print, a refused registration.
 */
const simulator = { env: { YILIANYUN_PUSH_URL: PUSH_URL } }
storeTestSuite({ simulator, seed: true, pushTargets: ["oauth_finish", "oauth_getOrder", "oauth_printStatus"] }, (s) => {
  const { api, bind } = s
  const now = () => Math.floor(Date.now() / 1000)
  const placeOrder = () => s.placeOrder([{ variant_id: s.store.variants.noodles, quantity: 1 }])
  const jobsOf = (orderId: string) => s.yly.listPrintJobs({ order_id: orderId }, { relations: ["parts"] })
  const until = <T>(probe: () => Promise<T | undefined | false>) => s.sim.control.waitFor(probe, { timeoutMs: 20_000 })
  const post = (fields: Record<string, string | number>) => {
    const push_time = fields.push_time ?? now()
    const sign = pushSign(s.sim.clientId, Number(push_time), s.sim.clientSecret)
    return fetch(s.hookUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(Object.entries({ ...fields, push_time, sign }).map(([k, v]) => [k, String(v)])).toString(),
    })
  }

  it("matches v2 finish pushes that carry no print id, or an empty one, by origin_id — each to its own print", async () => {
    await bind(A)
    await s.sim.control.setBehavior({ finishOrderId: "absent" })
    const first = await placeOrder()
    await until(async () => (await jobsOf(first.id))[0]?.status === "printed")
    await s.sim.control.setBehavior({ finishOrderId: "empty" })
    const second = await placeOrder()
    const third = await placeOrder()
    // an empty order_id= must not make the second and third pushes look like re-deliveries of one
    for (const o of [second, third]) await until(async () => (await jobsOf(o.id))[0]?.status === "printed")
    const finishes = await until(async () => {
      const e = await s.yly.listPushEvents({ cmd: "oauth_finish" })
      return e.length === 3 && e.every((x: any) => x.outcome) ? e : undefined
    })
    expect(finishes.map((e: any) => e.outcome)).toEqual(["printed", "printed", "printed"])
  })

  it("judges pushes on the cloud's clock: a cloud 5 minutes ahead loses no push, and the offset is shown", async () => {
    await s.sim.control.setBehavior({ clockSkewSec: 300 })
    await bind(A) // talking to the cloud measures its clock
    const order = await placeOrder()
    await until(async () => (await jobsOf(order.id))[0]?.status === "printed")
    const status = (await api.get("/admin/yilianyun/status", s.auth)).data
    expect(status.clock_offset_ms).toBeGreaterThan(295_000)
    expect(status.clock_offset_ms).toBeLessThan(305_000)
    expect(status.push_refusals).toEqual([])
    // and a push that is fresh by our own clock only is now refused as stale... from the future
    expect((await post({ cmd: "oauth_printStatus", machine_code: A, online: 1, push_time: now() + 500 })).status).toBe(401)
  })

  it("does not apply a push naming another printer's print, and records it", async () => {
    const a = await bind(A)
    await bind(B, { templates: { "order.fulfillment_created": ["packing"] } }) // prints nothing of this order
    await s.sim.control.setPrinterState(A, "offline") // A's print stays queued: no finish push of its own
    const order = await placeOrder()
    const [job] = await jobsOf(order.id)
    expect(job.printer_id).toBe(a.id)
    const part = job.parts[0]
    await post({ cmd: "oauth_finish", machine_code: B, order_id: part.print_id!, origin_id: part.origin_id, state: 1, print_time: now() })
    const [event] = await until(async () => {
      const events = await s.yly.listPushEvents({ cmd: "oauth_finish" })
      return events[0]?.outcome ? events : undefined
    })
    expect(event.outcome).toBe("misrouted")
    expect((await jobsOf(order.id))[0].status).toBe("sent")
  })

  it("applies a finish push that overtakes the sender's write of the print id: by origin_id at once, else on the next reconcile", async () => {
    await bind(A)
    await s.sim.control.setPrinterState(A, "offline") // the prints stay queued: no finish push of the simulator's own
    const finishOf = async (printId: string) =>
      until(async () => {
        const events = await s.yly.listPushEvents({ cmd: "oauth_finish" })
        const e = events.find((x: any) => x.payload.order_id === printId)
        return e?.outcome ? e : undefined
      })

    // with its origin_id: applied at once, though the print id is not recorded yet
    const first = await placeOrder()
    const p1 = (await jobsOf(first.id))[0].parts[0]
    await s.sql(`UPDATE yly_print_part SET print_id = NULL WHERE id = ?`, [p1.id]) // the sender's write has not landed
    await post({ cmd: "oauth_finish", machine_code: A, order_id: p1.print_id!, origin_id: p1.origin_id, state: 1, print_time: now() })
    expect((await finishOf(p1.print_id!)).outcome).toBe("printed")
    expect((await jobsOf(first.id))[0].status).toBe("printed")

    // without one (the v1 example lists none): recorded as naming no print, applied once the print id lands
    const second = await placeOrder()
    const p2 = (await jobsOf(second.id))[0].parts[0]
    await s.sql(`UPDATE yly_print_part SET print_id = NULL WHERE id = ?`, [p2.id])
    await post({ cmd: "oauth_finish", machine_code: A, order_id: p2.print_id!, state: 1, print_time: now() })
    expect((await finishOf(p2.print_id!)).outcome).toBe("unknown-print-id")
    await s.sql(`UPDATE yly_print_part SET print_id = ? WHERE id = ?`, [p2.print_id!, p2.id]) // now it lands
    await reconcilePrintsWorkflow(s.container).run({ input: { now: new Date(Date.now() + 60_000) } })
    expect((await finishOf(p2.print_id!)).outcome).toBe("printed")
    expect((await jobsOf(second.id))[0].status).toBe("printed")
    // applied once: a second pass finds nothing to open again
    const again = await reconcilePrintsWorkflow(s.container).run({ input: { now: new Date(Date.now() + 60_000) } })
    expect(again.result.pushes).toBe(0)
  })

  it("applies status pushes in the cloud's order: a re-delivered older one does not overwrite a newer status", async () => {
    const a = await bind(A)
    const t = now()
    await post({ cmd: "oauth_printStatus", machine_code: A, online: 0, push_time: t })
    await until(async () => (await s.yly.listPrinters({ id: a.id }))[0].status === "offline")
    await post({ cmd: "oauth_printStatus", machine_code: A, online: 1, push_time: t - 20 })
    const events = await until(async () => {
      const e = await s.yly.listPushEvents({ cmd: "oauth_printStatus" })
      return e.length === 2 && e.every((x: any) => x.outcome) ? e : undefined
    })
    expect(events.map((e: any) => e.outcome).sort()).toEqual(["offline", "older-than-applied"])
    expect((await s.yly.listPrinters({ id: a.id }))[0].status).toBe("offline")
  })

  it("registers each push command the API version documents, keeps a refusal, and does not loop on it", async () => {
    await bind(A)
    await s.sim.control.setFaults({ errorNext: { code: 34, count: 1, paths: ["oauth/setpushurl"] } })
    const first = await api.post("/admin/yilianyun/push-url", { force: true }, s.auth)
    expect(first.status).toBe(200)
    const status = (await api.get("/admin/yilianyun/status", s.auth)).data
    expect(Object.keys(status.push_url_commands).sort()).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus"])
    const refused = Object.entries(status.push_url_commands).filter(([, v]: any) => v.error)
    expect(refused).toHaveLength(1)
    // the next start (or a plain call) registers nothing again: the refusal is the cloud's answer
    const targetsBefore = await s.sim.control.pushTargets()
    const { registered } = await s.yly.registerPushUrl()
    expect(registered).toBe(false)
    expect(await s.sim.control.pushTargets()).toEqual(targetsBefore)
  })
})
