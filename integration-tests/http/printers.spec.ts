import { expectedMsign } from "../../src/simulator"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(120_000)

storeTestSuite({}, (s) => {
  const { api } = s
  const MC = "4004000001"

  const addPrinter = (body: Record<string, unknown>) =>
    api.post("/admin/yilianyun/printers", body, s.auth).catch((e: any) => e.response)

  it("refuses the admin routes without a login", async () => {
    const res = await api.get("/admin/yilianyun/printers").catch((e: any) => e.response)
    expect(res.status).toBe(401)
  })

  it("reports the connection as configured, with the token budget and never the token", async () => {
    const before = await api.get("/admin/yilianyun/status", s.auth)
    expect(before.data).toMatchObject({ configured: true, api_url: `${s.sim.url}/v2` })
    expect(before.data.token).toMatchObject({ present: false, fetches_last_24h: 0, budget_left: 20 })
    await addPrinter({ machine_code: MC, msign: expectedMsign(MC) })
    const after = await api.get("/admin/yilianyun/status", s.auth)
    expect(after.data.token).toMatchObject({ present: true, fetches_last_24h: 1, budget_left: 19 })
    expect(JSON.stringify(after.data)).not.toContain(s.sim.clientSecret)
    expect((await s.sim.control.tokens()).fetchesInWindow).toBe(1)
  })

  it("authorizes a printer at the cloud, stores the binding, and never returns the key", async () => {
    const msign = expectedMsign(MC)
    const res = await addPrinter({ machine_code: MC, msign, name: "前台", model: "k4", paper_width: 58 })
    expect(res.status).toBe(201)
    expect(res.data.printer).toMatchObject({ machine_code: MC, name: "前台", model: "K4", paper_width: 58, mode: "auto" })
    expect(JSON.stringify(res.data)).not.toContain(msign)
    const bound = await s.sim.control.printers()
    expect(bound.map((p) => p.machineCode)).toContain(MC)
    const list = await api.get("/admin/yilianyun/printers", s.auth)
    expect(list.data.printers).toHaveLength(1)
    expect(JSON.stringify(list.data)).not.toContain(msign)
  })

  it("answers a wrong key with the cloud's reason on the msign field and stores nothing", async () => {
    const res = await addPrinter({ machine_code: MC, msign: "wrong-key" })
    expect(res.status).toBe(400)
    expect(res.data).toMatchObject({ type: "cloud_rejected", code: 35, field: "msign" })
    expect(res.data.message).toMatch(/key|msign|密钥/i)
    const list = await api.get("/admin/yilianyun/printers", s.auth)
    expect(list.data.printers).toHaveLength(0)
  })

  it("names the bad field of a malformed body", async () => {
    const noCode = await addPrinter({ msign: "x" })
    expect(noCode.status).toBe(400)
    expect(noCode.data.message).toMatch(/machine_code/)
    const badCopies = await addPrinter({ machine_code: MC, msign: expectedMsign(MC), copies: 12 })
    expect(badCopies.status).toBe(400)
    expect(badCopies.data.message).toMatch(/copies/)
    const letters = await addPrinter({ machine_code: "40040A", msign: "x" })
    expect(letters.status).toBe(400)
    expect(letters.data.message).toMatch(/machine_code/)
    const noKey = await addPrinter({ machine_code: MC, msign: "" })
    expect(noKey.data.message).toMatch(/msign/)
    const unknown = await addPrinter({ machine_code: MC, msign: expectedMsign(MC), colour: "red" })
    expect(unknown.status).toBe(400)
    expect(unknown.data.message).toMatch(/colour/)
  })

  it("refuses to bind the same machine code twice", async () => {
    await addPrinter({ machine_code: MC, msign: expectedMsign(MC) })
    const again = await addPrinter({ machine_code: MC, msign: expectedMsign(MC) })
    expect(again.status).toBe(400)
    expect(again.data.message).toMatch(/already bound/)
  })

  it("switches the device to accept/reject mode when the mode changes, and back", async () => {
    const created = await addPrinter({ machine_code: MC, msign: expectedMsign(MC) })
    const id = created.data.printer.id
    const res = await api.post(`/admin/yilianyun/printers/${id}`, { mode: "confirm", copies: 2 }, s.auth)
    expect(res.data.printer).toMatchObject({ mode: "confirm", copies: 2 })
    const simPrinter = async () => (await s.sim.control.printers()).find((p) => p.machineCode === MC)!
    expect((await simPrinter()).getOrderMode).toBe(true)
    await api.post(`/admin/yilianyun/printers/${id}`, { mode: "auto" }, s.auth)
    expect((await simPrinter()).getOrderMode).toBe(false)
  })

  it("asks the cloud for the live status and records it", async () => {
    const created = await addPrinter({ machine_code: MC, msign: expectedMsign(MC) })
    await s.sim.control.setPrinterState(MC, "paper_out")
    const res = await api.get(`/admin/yilianyun/printers/${created.data.printer.id}/status`, s.auth)
    expect(res.data.status).toBe("paper_out")
    expect(res.data.printer.status).toBe("paper_out")
  })

  it("unbinds the device at the cloud when the printer is deleted", async () => {
    const created = await addPrinter({ machine_code: MC, msign: expectedMsign(MC) })
    const res = await api.delete(`/admin/yilianyun/printers/${created.data.printer.id}`, s.auth)
    expect(res.data.deleted).toBe(true)
    const bound = await s.sim.control.printers()
    expect(bound.map((p) => p.machineCode)).not.toContain(MC)
    const list = await api.get("/admin/yilianyun/printers", s.auth)
    expect(list.data.printers).toHaveLength(0)
  })
})
