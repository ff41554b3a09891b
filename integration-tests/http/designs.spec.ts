import { expectedMsign } from "../../src/simulator"
import { storeTestSuite } from "../helpers/store-suite"

jest.setTimeout(180_000)

const FRONT = "4004001501"
const KITCHEN = "4004001502"

/** a kitchen ticket: the order number large, the dishes tall and bold, no prices, the Wi-Fi in the footer */
const kitchenDesign = (wifi = "Wi-Fi: jinlong / 88888888") => ({
  name: "后厨大字单",
  base: "kitchen",
  blocks: [
    { type: "title", size: "double" },
    { type: "order_number", size: "double", label: false },
    { type: "ordered_at" },
    { type: "rule", char: "=" },
    { type: "items", size: "tall", bold: true, columns: { quantity: true, unit_price: false, line_total: false, note: true } },
    { type: "rule", char: "=" },
    { type: "recipient", mask_phone: true, address: false },
    { type: "totals", visible: false },
    { type: "text", text: wifi, align: "center" },
  ],
})

// Receipt designs through the admin API, printed on the simulator's paper (issue 15).
storeTestSuite({ seed: true, pushTargets: ["oauth_finish", "oauth_getOrder", "oauth_printStatus"] }, (s) => {
  const { api, call, bind } = s

  const placeOrder = (items = [{ variant_id: s.store.variants.noodles, quantity: 2 }]) =>
    s.placeOrder(items, { metadata: { note: "少放辣, 谢谢" } })

  const createDesign = async (body: Record<string, unknown> = kitchenDesign()) => (await api.post("/admin/yilianyun/designs", body, s.auth)).data.design

  const paperText = async (machineCode: string, count: number) => {
    const slips = await s.sim.control.waitForPaper(machineCode, count, { timeoutMs: 15_000 })
    return slips[count - 1].lines.join("\n")
  }

  it("refuses the design routes without a login", async () => {
    for (const [method, url] of [
      ["get", "/admin/yilianyun/designs"],
      ["post", "/admin/yilianyun/designs"],
      ["get", "/admin/yilianyun/designs/ylydsg_x"],
      ["post", "/admin/yilianyun/designs/ylydsg_x"],
      ["delete", "/admin/yilianyun/designs/ylydsg_x"],
      ["get", "/admin/yilianyun/designs/ylydsg_x/export"],
      ["post", "/admin/yilianyun/preview"],
    ] as const) {
      const res = await call((api as any)[method](url, ...(method === "post" ? [{}] : [])))
      expect([url, res.status]).toEqual([url, 401])
    }
  })

  it("round-trips a design through the API: create, read, save a new version, export, import", async () => {
    const created = await api.post("/admin/yilianyun/designs", kitchenDesign(), s.auth)
    expect(created.status).toBe(201)
    const design = created.data.design
    expect(design).toMatchObject({ id: expect.stringMatching(/^ylydsg_/), name: "后厨大字单", base: "kitchen", version: 1, archived: false })
    // stored normalized: every field present, the defaults of a kitchen ticket filled in
    expect(design.blocks[4]).toEqual({
      type: "items", visible: true, size: "tall", bold: true, align: "left", checkbox: false,
      columns: { name: true, variant: true, sku: false, quantity: true, unit_price: false, line_total: false, note: true },
    })
    expect((await api.get(`/admin/yilianyun/designs/${design.id}`, s.auth)).data.design).toEqual(design)
    expect((await api.get("/admin/yilianyun/designs", s.auth)).data.designs.map((d: any) => d.id)).toEqual([design.id])

    const saved = await api.post(`/admin/yilianyun/designs/${design.id}`, { name: "Kitchen XL", blocks: [...design.blocks, { type: "feed", lines: 2 }] }, s.auth)
    expect(saved.data.design).toMatchObject({ name: "Kitchen XL", version: 2 })
    expect(saved.data.design.blocks).toHaveLength(10)
    // saving the same again is not a new version
    const same = await api.post(`/admin/yilianyun/designs/${design.id}`, { blocks: saved.data.design.blocks }, s.auth)
    expect(same.data.design.version).toBe(2)

    const exported = await api.get(`/admin/yilianyun/designs/${design.id}/export`, s.auth)
    expect(exported.headers["content-disposition"]).toMatch(/attachment/)
    expect(exported.data).toMatchObject({ format: "medusa-plugin-yilianyun/receipt-design", format_version: 1, name: "Kitchen XL", base: "kitchen" })
    expect(exported.data.blocks).toEqual(saved.data.design.blocks)

    // another store imports the file as it is; here the name is taken, so it is renamed first
    const taken = await call(api.post("/admin/yilianyun/designs", exported.data, s.auth))
    expect(taken.status).toBe(400)
    expect(taken.data.message).toMatch(/Field 'name'.*Kitchen XL.*exists already/)
    const imported = await api.post("/admin/yilianyun/designs", { ...exported.data, name: "Kitchen XL (2)" }, s.auth)
    expect(imported.data.design).toMatchObject({ name: "Kitchen XL (2)", base: "kitchen", version: 1 })
    expect(imported.data.design.blocks).toEqual(exported.data.blocks)
  })

  it("refuses bad designs with the field named, and writes nothing", async () => {
    const bad = async (body: unknown, field: RegExp) => {
      const res = await call(api.post("/admin/yilianyun/designs", body, s.auth))
      expect([res.status, res.data.message]).toEqual([400, expect.stringMatching(field)])
    }
    await bad({ base: "kitchen", blocks: [{ type: "title" }] }, /name/)
    await bad({ name: "x", base: "menu", blocks: [{ type: "title" }] }, /base/)
    await bad({ name: "x", base: "kitchen", blocks: [{ type: "title" }, { type: "items", size: "huge" }] }, /Field 'blocks\.1\.size' must be one of normal, tall, wide, double/)
    await bad({ name: "x", base: "kitchen", blocks: [{ type: "logo" }] }, /Field 'blocks\.0\.type' must be one of/)
    await bad({ name: "x", base: "kitchen", blocks: [{ type: "items", columns: { price: true } }] }, /Field 'blocks\.0\.columns\.price'/)
    await bad({ name: "x", base: "kitchen", blocks: [{ type: "rule", size: "double" }] }, /Field 'blocks\.0\.size' must be normal/)
    await bad({ name: "x", base: "kitchen", blocks: [{ type: "totals", align: "center" }] }, /Field 'blocks\.0\.align'/)
    await bad({ name: "x", base: "kitchen", blocks: [] }, /blocks/)
    await bad({ name: "x", base: "kitchen", blocks: [{ type: "title" }], colour: "red" }, /colour/)
    expect((await api.get("/admin/yilianyun/designs", s.auth)).data.designs).toHaveLength(0)

    const design = await createDesign()
    const update = await call(api.post(`/admin/yilianyun/designs/${design.id}`, { blocks: [{ type: "text" }] }, s.auth))
    expect(update.status).toBe(400)
    expect(update.data.message).toMatch(/Field 'blocks\.0\.text' is required/)
    expect((await api.get(`/admin/yilianyun/designs/${design.id}`, s.auth)).data.design.version).toBe(1)
    expect((await call(api.get("/admin/yilianyun/designs/ylydsg_missing", s.auth))).status).toBe(404)
  })

  it("prints a kitchen ticket without prices from a design, and the preview's text is the paper", async () => {
    const design = await createDesign()
    const kitchen = await bind(KITCHEN, { templates: { "order.placed": [design.id] } })
    const order = await placeOrder([
      { variant_id: s.store.variants.noodles, quantity: 2 },
      { variant_id: s.store.variants.tea, quantity: 1 },
    ])
    const paper = await paperText(KITCHEN, 1)
    expect(paper).toMatch(/厨 +房 +单/) // double size: letter-spaced in the text layout
    expect(paper).toMatch(/^2 × 招牌红烧牛肉面/m)
    expect(paper).toMatch(/^1 × 冻柠檬茶/m)
    expect(paper).toMatch(/138\*\*\*\*0000/) // the phone, masked
    expect(paper).not.toMatch(/13800000000/)
    expect(paper).toMatch(/Wi-Fi: jinlong \/ 88888888/)
    expect(paper).not.toMatch(/￥|\d+\.\d\d/) // no price anywhere
    expect(paper).not.toMatch(/<|>/) // the address's "<FS2>" never reached the paper as a tag or as text (address off)

    // the job says which design and version printed it
    const jobs = (await api.get(`/admin/yilianyun/orders/${order.id}/jobs`, s.auth)).data.jobs
    expect(jobs[0]).toMatchObject({ template: design.id, design_id: design.id, design_version: 1 })

    // the preview of the same order and design is the paper, line for line
    const byDesign = await api.get(`/admin/yilianyun/preview?order_id=${order.id}&printer_id=${kitchen.id}&design_id=${design.id}`, s.auth)
    expect(byDesign.data).toMatchObject({ template: design.id, design: { id: design.id, version: 1, name: "后厨大字单" }, columns: 32, parts: 1, problems: [] })
    expect(byDesign.data.text).toBe(paper)
    const byPrinter = await api.get(`/admin/yilianyun/preview?order_id=${order.id}&printer_id=${kitchen.id}`, s.auth)
    expect(byPrinter.data.text).toBe(paper)
    const unsaved = await api.post("/admin/yilianyun/preview", { order_id: order.id, printer_id: kitchen.id, design: { base: design.base, blocks: design.blocks } }, s.auth)
    expect(unsaved.data.text).toBe(paper)
    expect(unsaved.data.prints).toEqual([{ part: 1, of: 1, text: paper, html: expect.stringContaining("<svg") }])
  })

  it("reprints with the design version the job printed with, even after the design changed", async () => {
    const design = await createDesign(kitchenDesign("Wi-Fi: OLD-NETWORK"))
    const printer = await bind(KITCHEN, { templates: { "order.placed": [design.id] } })
    const order = await placeOrder()
    expect(await paperText(KITCHEN, 1)).toMatch(/OLD-NETWORK/)

    const blocks = design.blocks.map((b: any) => (b.type === "text" ? { ...b, text: "Wi-Fi: NEW-NETWORK" } : b))
    expect((await api.post(`/admin/yilianyun/designs/${design.id}`, { blocks }, s.auth)).data.design.version).toBe(2)

    // a reprint a week later looks like the original
    const reprint = await api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: printer.id }, s.auth)
    expect(reprint.data.jobs[0]).toMatchObject({ design_id: design.id, design_version: 1 })
    const reprinted = await paperText(KITCHEN, 2)
    expect(reprinted).toMatch(/OLD-NETWORK/)
    expect(reprinted).not.toMatch(/NEW-NETWORK/)
    expect(reprinted).toMatch(/补打|REPRINT/)
    // so does the retry of a failed reprint (a reprint of the reprint)
    await s.sim.control.waitFor(async () => (await s.yly.listPrintJobs({ id: reprint.data.jobs[0].id }))[0].status === "printed", { timeoutMs: 15_000 })
    await s.yly.updatePrintJobs({ id: reprint.data.jobs[0].id, status: "failed", last_error: "paper jam (test)" })
    const retried = await api.post("/admin/yilianyun/jobs/retry", { job_ids: [reprint.data.jobs[0].id] }, s.auth)
    expect(retried.data.retried[0].reprint).toMatchObject({ design_id: design.id, design_version: 1 })
    expect(await paperText(KITCHEN, 3)).toMatch(/OLD-NETWORK/)

    // the preview of the old version shows the old layout too
    const old = await api.get(`/admin/yilianyun/preview?order_id=${order.id}&printer_id=${printer.id}&design_id=${design.id}&design_version=1`, s.auth)
    expect(old.data.text).toMatch(/OLD-NETWORK/)

    // a new order prints the new version
    await placeOrder()
    const fresh = await paperText(KITCHEN, 4)
    expect(fresh).toMatch(/NEW-NETWORK/)
    expect(fresh).not.toMatch(/补打|REPRINT/)
  })

  it("checks a printer's templates when it is saved: a template or a design it can print, else 400 naming the field", async () => {
    const unknown = await call(api.post("/admin/yilianyun/printers", { machine_code: FRONT, msign: expectedMsign(FRONT), templates: { "order.placed": ["invoice"] } }, s.auth))
    expect(unknown.status).toBe(400)
    expect(unknown.data.message).toMatch(/Field 'templates\.order\.placed' names "invoice", which is neither a template \(cancel, kitchen, packing, receipt\) nor a saved receipt design/)
    expect(await s.sim.control.printers()).toHaveLength(0) // nothing bound at the cloud either
    expect((await api.get("/admin/yilianyun/printers", s.auth)).data.printers).toHaveLength(0)

    const missing = await call(api.post("/admin/yilianyun/printers", { machine_code: FRONT, msign: expectedMsign(FRONT), templates: { "order.placed": ["ylydsg_gone"] } }, s.auth))
    expect(missing.status).toBe(400)
    expect(missing.data.message).toMatch(/templates\.order\.placed.*does not exist/)

    // a receipt whose items print double size beside their prices: fine on 80 mm, not on 58 mm
    const wide = await createDesign({
      name: "Big receipt",
      base: "receipt",
      blocks: [{ type: "order_number", size: "double" }, { type: "items", size: "double" }, { type: "totals" }],
    })
    const printer = await bind(FRONT, { paper_width: 80, templates: { "order.placed": [wide.id], "shipment.created": ["packing"] } })
    expect(printer.templates["order.placed"]).toEqual([wide.id])
    const narrower = await call(api.post(`/admin/yilianyun/printers/${printer.id}`, { paper_width: 58 }, s.auth))
    expect(narrower.status).toBe(400)
    expect(narrower.data.message).toMatch(/Field 'templates\.order\.placed': the receipt design "Big receipt" cannot print on this printer — Block 2 \(items\) at double size leaves 16 columns/)
    expect((await api.get(`/admin/yilianyun/printers/${printer.id}`, s.auth)).data.printer.paper_width).toBe(80)

    const typo = await call(api.post(`/admin/yilianyun/printers/${printer.id}`, { templates: { "order.placed": ["reciept"] } }, s.auth))
    expect(typo.status).toBe(400)
    expect(typo.data.message).toMatch(/templates\.order\.placed.*"reciept"/)

    // a design the printer uses cannot be saved into something it cannot print either
    const tall = await call(api.post(`/admin/yilianyun/designs/${wide.id}`, { blocks: [{ type: "totals", size: "tall" }, { type: "qr" }] }, s.auth))
    expect(tall.status).toBe(200)
    await api.post(`/admin/yilianyun/printers/${printer.id}`, { paper_width: 58, templates: { "order.placed": [wide.id] } }, s.auth)
    const refused = await call(api.post(`/admin/yilianyun/designs/${wide.id}`, { blocks: [{ type: "items", size: "wide" }] }, s.auth))
    expect(refused.status).toBe(400)
    expect(refused.data.message).toMatch(/Field 'blocks\.0\.size': Block 1 \(items\) at wide size .* The printer "Printer 4004001501" prints this design \(order\.placed\)/)
  })

  it("never loses a design jobs printed with: delete is refused while in use, archives after printing, deletes otherwise", async () => {
    const design = await createDesign()
    const printer = await bind(KITCHEN, { templates: { "order.placed": [design.id] } })
    const order = await placeOrder()
    await paperText(KITCHEN, 1)

    const inUse = await call(api.delete(`/admin/yilianyun/designs/${design.id}`, s.auth))
    expect(inUse.status).toBe(400)
    expect(inUse.data.message).toMatch(/is used by the printer "Printer 4004001502" \(order\.placed\)/)

    await api.post(`/admin/yilianyun/printers/${printer.id}`, { templates: { "order.placed": ["kitchen"] } }, s.auth)
    const archived = await api.delete(`/admin/yilianyun/designs/${design.id}`, s.auth)
    expect(archived.data).toMatchObject({ id: design.id, deleted: false, archived: true, jobs: 1 })
    expect((await api.get("/admin/yilianyun/designs", s.auth)).data.designs).toHaveLength(0)
    const all = (await api.get("/admin/yilianyun/designs?include_archived=true", s.auth)).data.designs
    expect(all).toEqual([expect.objectContaining({ id: design.id, archived: true })])
    // archived: not assignable, not editable, but its jobs still reprint as they printed
    const assign = await call(api.post(`/admin/yilianyun/printers/${printer.id}`, { templates: { "order.placed": [design.id] } }, s.auth))
    expect(assign.data.message).toMatch(/archived receipt design "后厨大字单"/)
    expect((await call(api.post(`/admin/yilianyun/designs/${design.id}`, { name: "x" }, s.auth))).status).toBe(400)
    const [job] = await s.yly.listPrintJobs({ order_id: order.id })
    await api.post(`/admin/yilianyun/orders/${order.id}/print`, { printer_id: printer.id, template: job.template }, s.auth)
    const reprinted = await paperText(KITCHEN, 2)
    expect(reprinted).toMatch(/Wi-Fi: jinlong/)
    expect(reprinted).toMatch(/补打|REPRINT/)

    const unused = await createDesign({ ...kitchenDesign(), name: "never used" })
    expect((await api.delete(`/admin/yilianyun/designs/${unused.id}`, s.auth)).data).toMatchObject({ deleted: true, archived: false })
    expect((await call(api.get(`/admin/yilianyun/designs/${unused.id}`, s.auth))).status).toBe(404)
  })

  it("previews an unsaved design on a bare paper with the sample order, and lists designs as templates", async () => {
    const res = await api.post(
      "/admin/yilianyun/preview",
      { paper_width: 80, language: "en", design: { base: "receipt", blocks: [{ type: "shop_header" }, { type: "items", size: "double" }, { type: "totals" }] } },
      s.auth
    )
    expect(res.data).toMatchObject({ columns: 48, parts: 1, order: { sample: true }, problems: [], design: { id: "unsaved" } })
    expect(res.data.text).toMatch(/Golden Dragon/)
    expect(res.data.text).toMatch(/TOTAL/)
    const narrow = await api.post("/admin/yilianyun/preview", { design: { base: "receipt", blocks: [{ type: "items", size: "double" }] } }, s.auth)
    expect(narrow.data.problems).toEqual([expect.objectContaining({ field: "blocks.0.size" })])
    expect(narrow.data.warnings.join()).toMatch(/leaves 16 columns/)
    const bad = await call(api.post("/admin/yilianyun/preview", { design: { base: "receipt", blocks: [{ type: "qr", size: "tall" }] } }, s.auth))
    expect(bad.status).toBe(400)
    expect(bad.data.message).toMatch(/Field 'design\.blocks\.0\.size'/)
    const both = await call(api.post("/admin/yilianyun/preview", { template: "receipt", design_id: "ylydsg_x" }, s.auth))
    expect(both.status).toBe(400)

    // what the designer builds with comes from the receipt layer: starter blocks and a block of each type
    const catalog = (await api.get("/admin/yilianyun/designs/catalog?base=kitchen", s.auth)).data
    expect(catalog.starter.find((b: any) => b.type === "items")).toMatchObject({ size: "tall", bold: true, columns: { line_total: false } })
    expect(catalog.blocks.recipient).toEqual({ type: "recipient", visible: true, size: "normal", bold: false, align: "left", name: true, phone: true, mask_phone: false, address: true })
    expect(catalog.capabilities.qr).toEqual({ sizes: false, bold: false, aligns: [] })
    expect((await call(api.get("/admin/yilianyun/designs/catalog?base=menu", s.auth))).status).toBe(400)

    const design = await createDesign()
    const templates = (await api.get("/admin/yilianyun/templates", s.auth)).data
    expect(templates.templates).toEqual(["cancel", "kitchen", "packing", "receipt"])
    expect(templates.designs).toEqual([{ id: design.id, name: "后厨大字单", base: "kitchen", version: 1 }])
  })
})
