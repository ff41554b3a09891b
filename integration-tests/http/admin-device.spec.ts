import { waitForSubscribers } from "../helpers/events"
import { placeOrderViaStoreApi, seedTestStore } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const MC = "4004000701"

// The device settings the platform offers, as POST /admin/yilianyun/printers/:id/<action> routes.
storeTestSuite({}, (s) => {
  const { api, call, bind } = s
  let printerId: string
  const device = async () => (await s.sim.control.devices()).find((d) => d.machineCode === MC)!
  const url = (action: string) => `/admin/yilianyun/printers/${printerId}/${action}`

  beforeEach(async () => {
    printerId = (await bind(MC, { name: "前台" })).id
  })

  it("refuses the device routes without a login", async () => {
    for (const [method, action] of [
      ["post", "sound"], ["post", "voice"], ["delete", "voice/1"], ["post", "logo"], ["delete", "logo"], ["post", "menu"],
      ["post", "btnprint"], ["post", "restart"], ["post", "shutdown"], ["post", "cancel-queue"], ["get", "version"],
      ["get", "print-info"],
    ] as const) {
      const res = await call((api as any)[method](url(action), ...(method === "post" ? [{}] : [])))
      expect([action, res.status]).toEqual([action, 401])
    }
  })

  it("sets the buzzer volume and names a bad field", async () => {
    const res = await api.post(url("sound"), { output: "horn", volume: 2 }, s.auth)
    expect(res.data).toMatchObject({ output: "horn", volume: 2 })
    expect((await device()).sound).toEqual({ responseType: "horn", voice: 2 })
    const loud = await call(api.post(url("sound"), { output: "horn", volume: 7 }, s.auth))
    expect(loud.status).toBe(400)
    expect(loud.data.message).toMatch(/volume/)
    const bell = await call(api.post(url("sound"), { output: "bell", volume: 1 }, s.auth))
    expect(bell.status).toBe(400)
    expect(bell.data.message).toMatch(/output/)
  })

  it("stores and deletes a voice in a slot", async () => {
    const res = await api.post(url("voice"), { aid: 3, text: "您有新的订单", volume: 6 }, s.auth)
    expect(res.data.aid).toBe(3)
    expect(JSON.stringify((await device()).voices)).toContain("您有新的订单")
    const del = await api.delete(url("voice/3"), s.auth)
    expect(del.data).toMatchObject({ aid: 3, deleted: true })
    expect(JSON.stringify((await device()).voices)).not.toContain("您有新的订单")
    const none = await call(api.post(url("voice"), { aid: 3 }, s.auth))
    expect(none.status).toBe(400)
    expect(none.data.message).toMatch(/text/)
    const slot = await call(api.delete(url("voice/12"), s.auth))
    expect(slot.status).toBe(400)
    expect(slot.data.message).toMatch(/aid/)
  })

  it("sets and removes the logo", async () => {
    await api.post(url("logo"), { url: "https://cdn.example.com/logo.png" }, s.auth)
    expect((await device()).icon).toBe("https://cdn.example.com/logo.png")
    await api.delete(url("logo"), s.auth)
    expect((await device()).icon).toBeFalsy()
    const bad = await call(api.post(url("logo"), { url: "logo.png" }, s.auth))
    expect(bad.status).toBe(400)
    expect(bad.data.message).toMatch(/url/)
  })

  it("adds app menus", async () => {
    await api.post(url("menu"), { menus: [{ name: "今日订单", url: "https://shop.example.com/today" }] }, s.auth)
    expect((await device()).menus).toEqual([["今日订单", "https://shop.example.com/today"]])
    const bad = await call(api.post(url("menu"), { menus: [] }, s.auth))
    expect(bad.status).toBe(400)
    expect(bad.data.message).toMatch(/menus/)
  })

  it("switches key-press printing on and off", async () => {
    await api.post(url("btnprint"), { enabled: true }, s.auth)
    expect((await device()).btnPrintMode).toBe(true)
    await api.post(url("btnprint"), { enabled: false }, s.auth)
    expect((await device()).btnPrintMode).toBe(false)
    const bad = await call(api.post(url("btnprint"), { enabled: "yes" }, s.auth))
    expect(bad.status).toBe(400)
    expect(bad.data.message).toMatch(/enabled/)
  })

  it("restarts and shuts the device down", async () => {
    expect((await api.post(url("restart"), {}, s.auth)).data.action).toBe("restart")
    const off = await api.post(url("shutdown"), {}, s.auth)
    expect(off.data.printer.status).toBe("offline")
    expect((await device()).state).toBe("offline")
    const extra = await call(api.post(url("restart"), { now: true }, s.auth))
    expect(extra.status).toBe(400)
    expect(extra.data.message).toMatch(/now/)
  })

  it("reads the firmware version and the paper width the device reports", async () => {
    const v = await api.get(url("version"), s.auth)
    expect(v.data).toMatchObject({ hardware: expect.any(String), software: expect.stringMatching(/K4/) })
    const info = await api.get(url("print-info"), s.auth)
    expect(info.data).toMatchObject({ print_width: 58, configured_width: 58, matches: true })
  })

  it("cancels the queue at the cloud and the waiting jobs here, and an empty queue is no error", async () => {
    const store = await seedTestStore(s.container)
    await s.sim.control.setPrinterState(MC, "offline", { push: false })
    const done = waitForSubscribers(s.container, "order.placed")
    const order = await placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
    await done
    expect((await s.sim.control.printers())[0].unprinted).toBe(1)
    const res = await api.post(url("cancel-queue"), {}, s.auth)
    expect(res.data.canceled_jobs).toBe(1)
    expect((await s.sim.control.printers())[0].unprinted).toBe(0)
    const jobs = (await api.get(`/admin/yilianyun/orders/${order.id}/jobs`, s.auth)).data.jobs
    expect(jobs[0]).toMatchObject({ status: "canceled" })
    expect(jobs[0].last_error).toMatch(/queue was cleared/)
    const again = await api.post(url("cancel-queue"), {}, s.auth)
    expect(again.data.canceled_jobs).toBe(0)
  })

  it("answers the cloud's refusal as a sentence and 404 for an unknown printer", async () => {
    await s.sim.control.setFaults({ errorNext: { code: 9, count: 1, paths: ["printer/setsound"] } })
    const offline = await call(api.post(url("sound"), { output: "buzzer", volume: 1 }, s.auth))
    expect([400, 503]).toContain(offline.status)
    expect(offline.data.message).toMatch(/\w+ \w+ \w+/)
    const missing = await call(api.post("/admin/yilianyun/printers/ylyprn_missing/restart", {}, s.auth))
    expect(missing.status).toBe(404)
  })
})
