import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"
import { placeOrderViaStoreApi, seedTestStore } from "../helpers/store"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

// The push URL the store would register; the simulator does not probe it, the tests set the
// simulator's push target to the app's real hook themselves.
const PUSH_URL = "https://shop.example.com/hooks/yilianyun"
const MC = "4004000801"

// Connection-level admin routes: guarded token reset, push-URL registration, templates, the
// per-printer queue, and the admin feed when a printer stops with jobs waiting.
storeTestSuite({ simulator: { env: { YILIANYUN_PUSH_URL: PUSH_URL } } }, (s) => {
  const { api, call, bind, sql } = s

  it("refuses these routes without a login", async () => {
    expect((await call(api.post("/admin/yilianyun/token/reset", { confirm: true }))).status).toBe(401)
    expect((await call(api.post("/admin/yilianyun/push-url", {}))).status).toBe(401)
  })

  it("resets the token only when confirmed, saying how many of today's fetches are left", async () => {
    await bind(MC)
    const { token } = (await api.get("/admin/yilianyun/status", s.auth)).data
    const simFetches = (await s.sim.control.tokens()).fetchesInWindow
    const unconfirmed = await call(api.post("/admin/yilianyun/token/reset", {}, s.auth))
    expect(unconfirmed.status).toBe(400)
    expect(unconfirmed.data.message).toMatch(/confirm/)
    expect(unconfirmed.data.message).toContain(`${token.budget_left} of today's 20`)
    expect(unconfirmed.data.message).toMatch(/revokes/)
    expect((await s.sim.control.tokens()).fetchesInWindow).toBe(simFetches)

    const res = await api.post("/admin/yilianyun/token/reset", { confirm: true }, s.auth)
    expect(res.data.token).toMatchObject({ present: true, budget_left: token.budget_left - 1 })
    expect(res.data.message).toContain(`${token.budget_left - 1} of today's 20`)
    expect(JSON.stringify(res.data)).not.toMatch(/access_token|[0-9a-f]{32}/)
    expect((await s.sim.control.tokens()).fetchesInWindow).toBe(simFetches + 1)

    // the new token works: the printer still answers, with no further fetch
    const printers = (await api.get("/admin/yilianyun/printers", s.auth)).data.printers
    const status = await api.get(`/admin/yilianyun/printers/${printers[0].id}/status`, s.auth)
    expect(status.data.status).toBe("online")
    expect((await s.sim.control.tokens()).fetchesInWindow).toBe(simFetches + 1)

    const typo = await call(api.post("/admin/yilianyun/token/reset", { confirmed: true }, s.auth))
    expect(typo.status).toBe(400)
    expect(typo.data.message).toMatch(/confirmed/)
  })

  it("answers 503 with a sentence when the day's token budget is spent", async () => {
    // 20 fetches already in the last 24 h (another process, or earlier resets)
    for (let i = 0; i < 20; i++) {
      await sql(
        `INSERT INTO yly_token_fetch (id, client_id, fetched_at, reason, succeeded) VALUES (?, ?, now() - interval '1 hour', 'reset', true)`,
        [`ylytf_test${i}`, s.sim.clientId]
      )
    }
    const res = await call(api.post("/admin/yilianyun/token/reset", { confirm: true }, s.auth))
    expect(res.status).toBe(503)
    expect(res.data.message).toMatch(/budget/)
    expect((await s.sim.control.tokens()).fetchesInWindow).toBe(0)
  })

  it("registers the push URL with the cloud for every push kind the v2 API documents", async () => {
    // the app registers its push URL by itself a little after start: once that has happened, the
    // simulator is reset, so what it holds afterwards is the button's doing
    await s.afterStartupRegistration()
    await s.sim.control.reset()
    s.yly.forgetCachedToken()
    expect(await s.sim.control.pushTargets()).toHaveLength(0)
    const before = (await api.get("/admin/yilianyun/status", s.auth)).data
    expect(before.push_url).toBe(PUSH_URL)
    const res = await api.post("/admin/yilianyun/push-url", {}, s.auth)
    expect(res.data).toMatchObject({ push_url: PUSH_URL, registered: true })
    const targets = await s.sim.control.pushTargets()
    // v2's setpushurl lists three commands; the key-request push (oauth_request) is v1's
    expect(targets.filter((t) => t.url === PUSH_URL).map((t) => t.cmd).sort()).toEqual(
      ["oauth_finish", "oauth_getOrder", "oauth_printStatus"]
    )
    const after = (await api.get("/admin/yilianyun/status", s.auth)).data
    expect(after.push_url_registered).toBe(true)
    expect(new Date(after.push_url_registered_at).getTime()).toBeGreaterThan(new Date(before.push_url_registered_at ?? 0).getTime())
    const bad = await call(api.post("/admin/yilianyun/push-url", { url: "http://elsewhere" }, s.auth))
    expect(bad.status).toBe(400)
    expect(bad.data.message).toMatch(/url/)
  })

  it("lists the templates printers can use and the triggers", async () => {
    const res = await api.get("/admin/yilianyun/templates", s.auth)
    expect(res.data.templates).toEqual(expect.arrayContaining(["receipt", "kitchen", "packing"]))
    expect(res.data.templates).not.toContain("test")
    expect(res.data.triggers).toContain("order.placed")
  })

  it("tells the admin feed when a printer goes offline with jobs waiting, once, and marks it stale later", async () => {
    for (const cmd of ["oauth_finish", "oauth_printStatus"] as const) await s.sim.control.setPushTarget({ cmd, url: s.hookUrl, pinned: true })
    const store = await seedTestStore(s.container)
    const printer = await bind(MC, { name: "厨房" })
    const bus = s.container.resolve(Modules.EVENT_BUS)
    const feed = () => s.container.resolve(Modules.NOTIFICATION).listNotifications({ channel: "feed" })

    // offline with nothing waiting: nothing to say
    let changed = TestEventUtils.waitSubscribersExecution("yilianyun.printer_status_changed", bus, { timeout: 60_000 })
    await s.sim.control.setPrinterState(MC, "offline")
    await changed
    expect(await feed()).toHaveLength(0)

    changed = TestEventUtils.waitSubscribersExecution("yilianyun.printer_status_changed", bus, { timeout: 60_000 })
    await s.sim.control.setPrinterState(MC, "online")
    await changed
    const placed = TestEventUtils.waitSubscribersExecution("order.placed", bus, { timeout: 60_000 })
    await s.sim.control.setPrinterState(MC, "paper_out", { push: false })
    await placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.dumplings, quantity: 3 }])
    await placed

    changed = TestEventUtils.waitSubscribersExecution("yilianyun.printer_status_changed", bus, { timeout: 60_000 })
    await s.sim.control.setPrinterState(MC, "offline")
    await changed
    const notes = await feed()
    expect(notes).toHaveLength(1)
    expect(notes[0].data!.title).toMatch(/厨房.*offline/)
    expect(notes[0].data!.description).toMatch(/1 job waiting/)

    // the print went out to the cloud, which holds it for the printer: nothing waits here, and a
    // print sent moments ago is not late
    const fresh = (await api.get("/admin/yilianyun/queue", s.auth)).data.printers[0]
    expect(fresh).toMatchObject({ printer_id: printer.id, status: "offline", waiting: 0, unconfirmed: 0, stale: false })

    // unconfirmed for 30 minutes, not seen since: the settings page's stale banner
    await sql(`UPDATE yly_print_job SET created_at = now() - interval '30 minutes', sent_at = now() - interval '30 minutes'`)
    await sql(`UPDATE yly_printer SET status_at = now() - interval '30 minutes'`)
    const queue = await api.get("/admin/yilianyun/queue", s.auth)
    expect(queue.data.printers).toEqual([expect.objectContaining({ printer_id: printer.id, waiting: 0, unconfirmed: 1, late: 1, stale: true })])
  })

  it("says a printer that has just printed is online, with nothing waiting and no banner", async () => {
    await s.sim.control.setPushTarget({ cmd: "oauth_finish", url: s.hookUrl, pinned: true })
    const store = await seedTestStore(s.container)
    const printer = await bind(MC, { name: "前台" })
    const row = async () => (await api.get("/admin/yilianyun/queue", s.auth)).data.printers[0]
    const until = async (ok: (r: any) => boolean) => {
      const deadline = Date.now() + 20_000
      let r = await row()
      while (!ok(r) && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100))
        r = await row()
      }
      return r
    }
    // never asked, never heard from
    expect(await row()).toMatchObject({ status: "unknown", last_seen_at: null, waiting: 0, stale: false })

    // a test page's finish push matches no order's job, yet the device sent it: it is alive
    await api.post(`/admin/yilianyun/printers/${printer.id}/test`, {}, s.auth)
    const afterTest = await until((r) => r.status === "online")
    expect(afterTest).toMatchObject({ status: "online", waiting: 0, unconfirmed: 0, stale: false })
    expect(afterTest.last_seen_at).not.toBeNull()

    // an order printed long ago and nothing since: the printer is still the last thing it said
    // (online), and with nothing late there is no banner however long it has been silent
    await placeOrderViaStoreApi(api, store, [{ variant_id: store.variants.tea, quantity: 1 }])
    await until((r) => r.last_printed_at !== null)
    await sql(`UPDATE yly_print_job SET created_at = now() - interval '3 hours', sent_at = now() - interval '3 hours', printed_at = now() - interval '3 hours'`)
    await sql(`UPDATE yly_push_event SET created_at = now() - interval '3 hours'`)
    expect(await row()).toMatchObject({ status: "online", waiting: 0, unconfirmed: 0, late: 0, failed: 0, stale: false })

    // an "offline" status reported before its latest print is outdated; one reported after it is not
    await sql(`UPDATE yly_printer SET status = 'offline', status_at = now() - interval '4 hours'`)
    expect((await row()).status).toBe("online")
    await sql(`UPDATE yly_printer SET status = 'offline', status_at = now() - interval '1 hour'`)
    expect((await row()).status).toBe("offline")
  })
})
