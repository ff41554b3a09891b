import { Modules } from "@medusajs/framework/utils"
import { pushSign } from "../../src/simulator"
import { reconcilePrintsWorkflow } from "../../src/workflows/reconcile-prints"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const MC = "4004000401"
const CMDS = ["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"] as const

storeTestSuite({ seed: true, pushTargets: CMDS }, (s) => {
  const { api } = s
  const now = () => Math.floor(Date.now() / 1000)
  const until = <T>(probe: () => Promise<T | undefined | false>, timeoutMs = 10_000) =>
    s.sim.control.waitFor(probe, { timeoutMs, intervalMs: 50 })

  const bind = (extra: Record<string, unknown> = {}) => s.bind(MC, extra)
  const placeOrder = () => s.placeOrder([{ variant_id: s.store.variants.noodles, quantity: 1 }])

  const metadataOf = async (orderId: string) =>
    (await api.get(`/admin/orders/${orderId}?fields=id,metadata,status`, s.auth)).data.order

  /** Posts a push the way the platform does: form-urlencoded, signed with the real signer. */
  const post = (fields: Record<string, string | number>, opts: { sign?: string; contentType?: string; body?: string | Buffer } = {}) => {
    const push_time = fields.push_time ?? now()
    const sign = opts.sign ?? pushSign(s.sim.clientId, Number(push_time), s.sim.clientSecret)
    const body =
      opts.body ?? new URLSearchParams(Object.entries({ ...fields, push_time, sign }).map(([k, v]) => [k, String(v)])).toString()
    return fetch(s.hookUrl, {
      method: "POST",
      headers: { "content-type": opts.contentType ?? "application/x-www-form-urlencoded" },
      body: typeof body === "string" ? body : new Uint8Array(body),
    })
  }

  const pushEvents = () => s.yly.listPushEvents({})

  it("answers the platform's GET and empty POST probes with {\"data\":\"OK\"}", async () => {
    const get = await fetch(s.hookUrl)
    expect(await get.json()).toEqual({ data: "OK" })
    const probe = await fetch(s.hookUrl, { method: "POST" })
    expect(await probe.json()).toEqual({ data: "OK" })
  })

  it("marks the job and the order printed when the finish push arrives", async () => {
    await bind()
    const order = await placeOrder()
    const [finish] = await s.sim.control.waitForPushes({ cmd: "oauth_finish" }, 1)
    expect(finish.delivered).toBe(true)
    expect(finish.attempts[0].responseBody).toBe('{"data":"OK"}')
    const meta = await until(async () => {
      const m = (await metadataOf(order.id)).metadata?.yilianyun
      return m?.status === "printed" ? m : undefined
    })
    expect(meta.print_ids).toEqual([finish.fields.order_id])
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job.status).toBe("printed")
  })

  it("records the accept/reject decision made on the device, and with rejectAction metadata does not cancel", async () => {
    await bind({ mode: "confirm" })
    const accepted = await placeOrder()
    const [p1] = await s.sim.control.prints({ machineCode: MC })
    await s.sim.control.waitFor(async () => (await s.sim.control.prints({ machineCode: MC }))[0]?.waitingFor === "decision")
    await s.sim.control.pressButton(MC, p1.printId, "right")
    await until(async () => (await metadataOf(accepted.id)).metadata?.yilianyun?.decision === "accepted")

    const rejected = await placeOrder()
    const p2 = (await s.sim.control.prints({ machineCode: MC })).find((p) => p.printId !== p1.printId)!
    await s.sim.control.waitFor(async () =>
      (await s.sim.control.prints({ machineCode: MC })).find((p) => p.printId === p2.printId)?.waitingFor === "decision"
    )
    await s.sim.control.pressButton(MC, p2.printId, "left")
    const o = await until(async () => {
      const r = await metadataOf(rejected.id)
      return r.metadata?.yilianyun?.decision === "rejected" ? r : undefined
    })
    expect(o.metadata.yilianyun.decided_at).toBeTruthy()
    expect(o.status).not.toBe("canceled")
  })

  it("records the printer's status from a status push", async () => {
    const printer = await bind()
    await s.sim.control.setPrinterState(MC, "paper_out")
    await s.sim.control.waitForPushes({ cmd: "oauth_printStatus" }, 1)
    await until(async () => (await s.yly.listPrinters({ id: printer.id }))[0].status === "paper_out")
    await s.sim.control.setPrinterState(MC, "offline")
    await until(async () => (await s.yly.listPrinters({ id: printer.id }))[0].status === "offline")
  })

  it("records a key press", async () => {
    await bind()
    await s.sim.control.pressButton(MC, undefined, "long")
    const [ev] = await until(async () => {
      const rows = await pushEvents()
      return rows.length && rows[0].outcome ? rows : undefined
    })
    expect(ev).toMatchObject({ cmd: "oauth_request", machine_code: MC, state: "request2", outcome: "recorded" })
  })

  it("records menu pushes and pushes of kinds it does not know, without dropping them", async () => {
    const kinds: Record<string, string>[] = [
      { cmd: "oauth_printMenu", machine_code: MC, menu: "催单" },
      { cmd: "oauth_somethingNew", machine_code: MC, foo: "bar" },
    ]
    for (const fields of kinds) {
      const res = await post(fields)
      expect(await res.json()).toEqual({ data: "OK" })
    }
    const rows = await until(async () => {
      const r = await pushEvents()
      return r.length === 2 && r.every((e: any) => e.outcome) ? r : undefined
    })
    expect(rows.map((r: any) => r.cmd).sort()).toEqual(["oauth_printMenu", "oauth_somethingNew"])
    expect(rows.every((r: any) => r.outcome === "recorded")).toBe(true)
    expect(rows.find((r: any) => r.cmd === "oauth_somethingNew")!.payload.foo).toBe("bar")
  })

  it("emits Medusa events a store can subscribe to", async () => {
    const seen: { name: string; data: any }[] = []
    const bus = s.container.resolve(Modules.EVENT_BUS)
    for (const name of ["yilianyun.print_finished", "yilianyun.printer_status_changed", "yilianyun.button_pressed"]) {
      bus.subscribe(name, async (event: any) => void seen.push({ name, data: event.data }), {
        subscriberId: `test-${name}-${Date.now()}`,
      })
    }
    await bind()
    const order = await placeOrder()
    await until(async () => seen.some((e) => e.name === "yilianyun.print_finished"))
    expect(seen.find((e) => e.name === "yilianyun.print_finished")!.data).toMatchObject({ order_id: order.id, machine_code: MC })
    await s.sim.control.setPrinterState(MC, "offline")
    await until(async () => seen.some((e) => e.name === "yilianyun.printer_status_changed"))
    expect(seen.find((e) => e.name === "yilianyun.printer_status_changed")!.data).toMatchObject({ machine_code: MC, status: "offline" })
    await s.sim.control.setPrinterState(MC, "online", { push: false })
    await s.sim.control.pressButton(MC, undefined, "left")
    await until(async () => seen.some((e) => e.name === "yilianyun.button_pressed"))
  })

  it("refuses a wrong sign and a stale or future push_time with 401, applies nothing, and shows what it refused", async () => {
    const printer = await bind()
    const fields = { cmd: "oauth_printStatus", machine_code: MC, online: 0 }
    expect((await post(fields, { sign: "0".repeat(32) })).status).toBe(401)
    expect((await post({ ...fields, push_time: now() - 3600 })).status).toBe(401)
    expect((await post({ ...fields, push_time: now() + 600 })).status).toBe(401)
    const viaSim = await s.sim.control.sendPush("oauth_printStatus", { machine_code: MC, online: 0 }, { sign: "f".repeat(32) })
    expect(viaSim.attempts[0].httpStatus).toBe(401)
    // a bad sign is only counted; a signed push outside the window is kept in full, never applied
    const events = await pushEvents()
    expect(events.map((e: any) => e.outcome).sort()).toEqual(["refused-future", "refused-stale"])
    await new Promise((r) => setTimeout(r, 300))
    expect((await s.yly.listPrinters({ id: printer.id }))[0].status).not.toBe("offline")
    const status = (await api.get("/admin/yilianyun/status", s.auth)).data
    // the simulator delivers a refused push up to 3 times, as the cloud does
    expect(Object.fromEntries(status.push_refusals.map((r: any) => [r.reason, r.count]))).toEqual({
      bad_sign: 1 + viaSim.attempts.length,
      future: 1,
      stale: 1,
    })
  })

  it("applies a push delivered three times once, and accepts the uppercase sign of the docs", async () => {
    const printer = await bind()
    const push_time = now()
    const sign = pushSign(s.sim.clientId, push_time, s.sim.clientSecret).toUpperCase()
    const fields = { cmd: "oauth_printStatus", machine_code: MC, online: 2, push_time }
    for (let i = 0; i < 3; i++) {
      const res = await post(fields, { sign })
      expect(await res.json()).toEqual({ data: "OK" })
    }
    await until(async () => (await s.yly.listPrinters({ id: printer.id }))[0].status === "paper_out")
    expect(await pushEvents()).toHaveLength(1)
  })

  it("refuses malformed pushes with a 4xx and writes nothing", async () => {
    const missing = await post({ machine_code: MC, online: 1 } as any, { body: `machine_code=${MC}&online=1` })
    expect(missing.status).toBe(400)
    const badTime = await post({}, { body: `cmd=oauth_printStatus&machine_code=${MC}&online=1&push_time=soon&sign=abc` })
    expect(badTime.status).toBe(400)
    const notUtf8 = await post({}, {
      body: Buffer.concat([Buffer.from(`cmd=oauth_request&machine_code=${MC}&state=`), Buffer.from([0xff, 0xfe]), Buffer.from(`&push_time=${now()}&sign=x`)]),
    })
    expect(notUtf8.status).toBe(400)
    const huge = await post({}, { body: `cmd=oauth_request&pad=${"x".repeat(70 * 1024)}` })
    expect(huge.status).toBe(413)
    const badJson = await post({}, { contentType: "application/json", body: "[1,2,3]" })
    expect(badJson.status).toBeGreaterThanOrEqual(400)
    expect(badJson.status).toBeLessThan(500)
    expect(await pushEvents()).toHaveLength(0)
  })

  it("applies, through the reconciler, a push recorded and acknowledged by a process that died before applying it", async () => {
    const printer = await bind()
    // what the hook records before it answers {"data":"OK"}; the crash comes before the apply
    const id = await s.yly.recordPushOnce({
      dedupe_key: `printStatus:${MC}:2:${now()}`,
      cmd: "oauth_printStatus",
      machine_code: MC,
      order_id: null,
      state: "2",
      push_time: now(),
      payload: { cmd: "oauth_printStatus", machine_code: MC, online: "2", push_time: String(now()) },
    })
    expect(id).toBeTruthy()
    expect((await s.yly.listPrinters({ id: printer.id }))[0].status).not.toBe("paper_out")
    await reconcilePrintsWorkflow(s.container).run({ input: { now: new Date(Date.now() + 60_000) } })
    expect((await s.yly.listPrinters({ id: printer.id }))[0].status).toBe("paper_out")
    const [event] = await pushEvents()
    expect(event).toMatchObject({ outcome: "paper_out" })
  })

  it("accepts a JSON push too", async () => {
    const printer = await bind()
    const push_time = now()
    const res = await post({}, {
      contentType: "application/json",
      body: JSON.stringify({
        cmd: "oauth_printStatus",
        machine_code: MC,
        online: "0",
        push_time: String(push_time),
        sign: pushSign(s.sim.clientId, push_time, s.sim.clientSecret),
      }),
    })
    expect(await res.json()).toEqual({ data: "OK" })
    await until(async () => (await s.yly.listPrinters({ id: printer.id }))[0].status === "offline")
  })

  it("acknowledges 500 pushes from 20 concurrent senders and applies each once", async () => {
    await bind()
    const base = now()
    const statuses: number[] = []
    let next = 0
    const sender = async () => {
      while (next < 500) {
        const i = next++
        const res = await post({ cmd: "oauth_finish", machine_code: MC, order_id: String(9_100_000_000_000_000_000n + BigInt(i)), origin_id: `x${i}`, state: 1, print_time: base, push_time: base })
        statuses.push(res.status)
        await res.text()
      }
    }
    await Promise.all(Array.from({ length: 20 }, sender))
    expect(statuses.filter((s) => s === 200)).toHaveLength(500)
    const rows = await until(async () => {
      const r = await pushEvents()
      // applied_at marks the claim, outcome the end of applying
      return r.length === 500 && r.every((e: any) => e.outcome) ? r : undefined
    }, 60_000)
    expect(new Set(rows.map((r: any) => r.order_id)).size).toBe(500)
    expect(rows.every((r: any) => r.outcome === "unknown-print-id")).toBe(true)
  })
})
