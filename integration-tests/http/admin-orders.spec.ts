import { Modules } from "@medusajs/framework/utils"
import { waitForSubscribers } from "../helpers/events"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const FRONT = "4004000601"
const KITCHEN = "4004000602"

// The admin routes around orders: an order's jobs, reprint, preview, the jobs view, bulk retry,
// and the admin feed when a job fails for good.
storeTestSuite({ seed: true, pushTargets: ["oauth_finish", "oauth_getOrder", "oauth_printStatus"] }, (s) => {
  const { api, call, bind, sql } = s

  /** waits until every job of the order is printed (the finish push came back) */
  const printedAll = (orderId: string) =>
    s.sim.control.waitFor(
      async () => {
        const jobs = await s.yly.listPrintJobs({ order_id: orderId })
        return (jobs.length > 0 && jobs.every((j) => j.status === "printed")) || undefined
      },
      { timeoutMs: 15_000, intervalMs: 50 }
    )

  const placeOrder = (items = [{ variant_id: s.store.variants.noodles, quantity: 2 }]) => s.placeOrder(items)

  /** a job that failed for good (the cloud refused the model: code 16, permanent) */
  const failedOrder = async () => {
    await s.sim.control.setFaults({ errorNext: { code: 16, count: 1, paths: ["print/index"] } })
    const order = await placeOrder()
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    expect(job.status).toBe("failed")
    return { order, job }
  }

  it("refuses every admin route of this plugin without a login", async () => {
    const routes: [string, string][] = [
      ["get", "/admin/yilianyun/orders/order_x/jobs"],
      ["post", "/admin/yilianyun/orders/order_x/print"],
      ["get", "/admin/yilianyun/preview?order_id=a&printer_id=b"],
      ["get", "/admin/yilianyun/jobs"],
      ["post", "/admin/yilianyun/jobs/retry"],
      ["get", "/admin/yilianyun/queue"],
      ["get", "/admin/yilianyun/templates"],
    ]
    for (const [method, url] of routes) {
      const res = await call((api as any)[method](url, ...(method === "post" ? [{}] : [])))
      expect([url, res.status]).toEqual([url, 401])
    }
  })

  it("lists an order's print jobs with printer, template, status and the order's summary", async () => {
    const printer = await bind(FRONT, { name: "前台" })
    const order = await placeOrder()
    await s.sim.control.waitForPaper(FRONT, 1)
    const res = await api.get(`/admin/yilianyun/orders/${order.id}/jobs`, s.auth)
    expect(res.data.order).toMatchObject({ id: order.id, display_id: order.display_id })
    expect(res.data.jobs).toHaveLength(1)
    expect(res.data.jobs[0]).toMatchObject({
      order_id: order.id,
      display_id: order.display_id,
      printer: { id: printer.id, name: "前台", machine_code: FRONT },
      template: "receipt",
      trigger: "order.placed",
      reprint_of: null,
    })
    expect(["sent", "printed"]).toContain(res.data.jobs[0].status)
    expect(res.data.jobs[0].parts[0].print_id).toEqual(expect.any(String))
    expect(res.data.summary.status).toMatch(/sent|printed/)
    expect(JSON.stringify(res.data)).not.toContain("<FS2>") // no rendered content in answers

    const missing = await call(api.get(`/admin/yilianyun/orders/order_missing/jobs`, s.auth))
    expect(missing.status).toBe(404)
  })

  it("reprints an order on a chosen printer and template, marked REPRINT on paper", async () => {
    await bind(FRONT)
    const kitchen = await bind(KITCHEN, { templates: { "order.placed": ["kitchen"] } })
    const order = await placeOrder()
    await s.sim.control.waitForPaper(KITCHEN, 1)
    const [original] = await s.yly.listPrintJobs({ order_id: order.id, printer_id: kitchen.id })

    const res = await api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: kitchen.id, template: "receipt" }, s.auth)
    expect(res.status).toBe(201)
    expect(res.data.jobs).toHaveLength(1)
    expect(res.data.jobs[0]).toMatchObject({ printer_id: kitchen.id, template: "receipt", requested_by: "admin" })
    const slips = await s.sim.control.waitForPaper(KITCHEN, 2)
    expect(slips[1].lines.join("\n")).toMatch(/补打|REPRINT/)
    expect(slips[0].lines.join("\n")).not.toMatch(/补打|REPRINT/)

    // without a printer: every printer that printed the order, again with its own template
    const all = await api.post(`/admin/yilianyun/orders/${order.id}/print`, {}, s.auth)
    expect(all.data.jobs.map((j: any) => j.template).sort()).toEqual(["kitchen", "receipt", "receipt"])
    expect(all.data.jobs.every((j: any) => j.reprint_of)).toBe(true)
    const jobs = (await api.get(`/admin/yilianyun/orders/${order.id}/jobs`, s.auth)).data.jobs
    expect(jobs.find((j: any) => j.id === original.id).reprinted_by).toEqual(expect.any(String))
  })

  it("names the bad field of a reprint and refuses a printer or template that does not exist", async () => {
    const printer = await bind(FRONT)
    const order = await placeOrder()
    const unknown = await call(api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer: printer.id }, s.auth))
    expect(unknown.status).toBe(400)
    expect(unknown.data.message).toMatch(/printer/)
    const badTemplate = await call(api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: printer.id, template: "menu card" }, s.auth))
    expect(badTemplate.status).toBe(400)
    expect(badTemplate.data.message).toMatch(/template/)
    const noSuchTemplate = await call(api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: printer.id, template: "invoice" }, s.auth))
    expect(noSuchTemplate.status).toBe(400)
    expect(noSuchTemplate.data.message).toMatch(/template.*receipt/)
    const noPrinter = await call(api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: "ylyprn_missing" }, s.auth))
    expect(noPrinter.status).toBe(404)
  })

  it("asks for a printer when reprinting an order no printer has printed", async () => {
    const order = await placeOrder()
    await bind(FRONT)
    const res = await call(api.post(`/admin/yilianyun/orders/${order.id}/print`, {}, s.auth))
    expect(res.status).toBe(400)
    expect(res.data.message).toMatch(/printer_id/)
  })

  it("previews an order as that printer prints it, at its width, with only its lines", async () => {
    const wide = await bind(FRONT, { paper_width: 80, receipt_settings: { shop_name: "老王面馆", footer_lines: ["谢谢惠顾"] } })
    const kitchen = await bind(KITCHEN, { templates: { "order.placed": ["kitchen"] }, product_type_ids: [s.store.productTypes.drink] })
    const order = await placeOrder([
      { variant_id: s.store.variants.noodles, quantity: 1 },
      { variant_id: s.store.variants.tea, quantity: 1 },
    ])
    const res = await api.get(`/admin/yilianyun/preview?order_id=${order.id}&printer_id=${wide.id}`, s.auth)
    expect(res.data).toMatchObject({ template: "receipt", columns: 48, parts: 1 })
    expect(res.data.markup).toContain("老王面馆")
    expect(res.data.text).toContain("谢谢惠顾")
    expect(res.data.text).toContain("牛肉面")
    expect(res.data.html).toContain('data-columns="48"')
    const lines: string[] = res.data.text.split("\n")
    expect(Math.max(...lines.map((l) => [...l].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)))).toBeLessThanOrEqual(48)

    const bar = await api.get(`/admin/yilianyun/preview?order_id=${order.id}&printer_id=${kitchen.id}&reprint=true`, s.auth)
    expect(bar.data).toMatchObject({ template: "kitchen", columns: 32 })
    expect(bar.data.text).toContain("柠檬茶")
    expect(bar.data.text).not.toContain("牛肉面")
    expect(bar.data.text).toMatch(/补打|REPRINT/)
  })

  it("names the missing or unknown field of a preview", async () => {
    const printer = await bind(FRONT)
    const noOrder = await call(api.get(`/admin/yilianyun/preview?printer_id=${printer.id}`, s.auth))
    expect(noOrder.status).toBe(400)
    expect(noOrder.data.message).toMatch(/order_id/)
    const extra = await call(api.get(`/admin/yilianyun/preview?order_id=x&printer_id=${printer.id}&width=80`, s.auth))
    expect(extra.status).toBe(400)
    expect(extra.data.message).toMatch(/width/)
    const noSuchOrder = await call(api.get(`/admin/yilianyun/preview?order_id=order_missing&printer_id=${printer.id}`, s.auth))
    expect(noSuchOrder.status).toBe(404)
  })

  it("lists failed and stuck jobs across orders with the reason, printer and order number", async () => {
    const printer = await bind(FRONT, { name: "前台" })
    const { order, job } = await failedOrder()
    await printedAll((await placeOrder()).id) // prints fine: not listed

    // a job stuck pending: the printer cloud was unreachable and the job waits for a retry
    const stuckOrder = await placeOrder()
    await printedAll(stuckOrder.id)
    const [stuck] = await s.yly.listPrintJobs({ order_id: stuckOrder.id })
    await s.yly.updatePrintJobs({ id: stuck.id, status: "pending", last_error: "The printer cloud timed out." })
    await sql(`UPDATE yly_print_job SET created_at = now() - interval '30 minutes' WHERE id = ?`, [stuck.id]) // created_at back in time

    const res = await api.get("/admin/yilianyun/jobs", s.auth)
    expect(res.data.count).toBe(2)
    const failed = res.data.jobs.find((j: any) => j.id === job.id)
    expect(failed).toMatchObject({
      status: "failed",
      order_id: order.id,
      display_id: order.display_id,
      printer: { id: printer.id, name: "前台" },
    })
    expect(failed.last_error).toMatch(/K1|K2|K3|model|型号/i)
    const waiting = res.data.jobs.find((j: any) => j.id === stuck.id)
    expect(waiting.stuck_reason).toMatch(/Waiting to be sent for 30 min.*timed out/)

    const onlyFailed = await api.get("/admin/yilianyun/jobs?status=failed", s.auth)
    expect(onlyFailed.data.jobs.map((j: any) => j.id)).toEqual([job.id])
    const bad = await call(api.get("/admin/yilianyun/jobs?status=lost", s.auth))
    expect(bad.status).toBe(400)
    expect(bad.data.message).toMatch(/status/)

    const queue = await api.get("/admin/yilianyun/queue", s.auth)
    expect(queue.data.printers[0]).toMatchObject({ printer_id: printer.id, waiting: 1, failed: 1 })
  })

  it("retries failed jobs as reprints of them, and answers 409 with the reprint when retried again", async () => {
    await bind(FRONT)
    const { order, job } = await failedOrder()
    const res = await api.post("/admin/yilianyun/jobs/retry", { job_ids: [job.id] }, s.auth)
    expect(res.data.retried).toHaveLength(1)
    const { reprint_id, reprint } = res.data.retried[0]
    expect(reprint).toMatchObject({ reprint_of: job.id, order_id: order.id, template: "receipt", requested_by: "admin" })
    const [slip] = await s.sim.control.waitForPaper(FRONT, 1)
    expect(slip.lines.join("\n")).toMatch(/补打|REPRINT/)

    // the retried job leaves the list; the order's status follows the reprint
    expect((await api.get("/admin/yilianyun/jobs", s.auth)).data.jobs).toHaveLength(0)
    const withRetried = await api.get("/admin/yilianyun/jobs?include_retried=true&status=failed", s.auth)
    expect(withRetried.data.jobs[0]).toMatchObject({ id: job.id, reprinted_by: reprint_id })

    const again = await call(api.post("/admin/yilianyun/jobs/retry", { job_ids: [job.id] }, s.auth))
    expect(again.status).toBe(409)
    expect(again.data).toMatchObject({ job_id: job.id, reprint_id })
    expect(again.data.message).toContain(reprint_id)
    expect(await s.sim.control.paper(FRONT)).toHaveLength(1)
  })

  it("checks every job of a bulk retry before printing any", async () => {
    await bind(FRONT)
    const { job } = await failedOrder()
    const empty = await call(api.post("/admin/yilianyun/jobs/retry", { job_ids: [] }, s.auth))
    expect(empty.status).toBe(400)
    expect(empty.data.message).toMatch(/job_ids/)
    const missing = await call(api.post("/admin/yilianyun/jobs/retry", { job_ids: [job.id, "ylyjob_missing"] }, s.auth))
    expect(missing.status).toBe(404)
    expect(missing.data.message).toContain("ylyjob_missing")
    const printedOrder = await placeOrder()
    await printedAll(printedOrder.id)
    const [printed] = await s.yly.listPrintJobs({ order_id: printedOrder.id })
    const mixed = await call(api.post("/admin/yilianyun/jobs/retry", { job_ids: [job.id, printed.id] }, s.auth))
    expect(mixed.status).toBe(400)
    expect(mixed.data.message).toMatch(/printed already/)
    expect(await s.sim.control.paper(FRONT)).toHaveLength(1) // nothing was retried
    expect(await s.yly.listPrintJobs({ reprint_of: job.id })).toHaveLength(0)
  })

  it("says in the admin's notification feed when a job fails for good", async () => {
    await bind(FRONT, { name: "前台" })
    const failedEvent = waitForSubscribers(s.container, "yilianyun.print_failed")
    const { order } = await failedOrder()
    await failedEvent
    const feed = await s.container.resolve(Modules.NOTIFICATION).listNotifications({ channel: "feed" })
    expect(feed).toHaveLength(1)
    expect(feed[0].data!.title).toContain(`#${order.display_id}`)
    expect(feed[0].data!.title).toContain("前台")
    expect(feed[0].data!.description).toMatch(/K1|K2|K3|model|型号/i)
    // the admin's own feed route shows it
    const res = await api.get("/admin/notifications?channel=feed", s.auth)
    expect(res.data.notifications.map((n: any) => n.data.title)).toContain(feed[0].data!.title)
  })
})
