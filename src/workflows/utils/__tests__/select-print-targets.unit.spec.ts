import { RoutablePrinter, RoutingContext, selectPrintTargets } from "../select-print-targets"

const printer = (over: Partial<RoutablePrinter>): RoutablePrinter => ({
  id: "p",
  enabled: true,
  templates: { "order.placed": ["receipt"] },
  sales_channel_id: null,
  stock_location_id: null,
  product_type_ids: null,
  category_ids: null,
  ...over,
})

const ctx: RoutingContext = {
  trigger: "order.placed",
  sales_channel_id: "sc_web",
  location_id: "sloc_shanghai",
  items: [
    { id: "noodles", product_type_id: "ptyp_food", category_ids: ["pcat_hot"] },
    { id: "tea", product_type_id: "ptyp_drink", category_ids: ["pcat_cold"] },
  ],
}

describe("selectPrintTargets", () => {
  it("sends food lines to the kitchen printer and drinks to the bar printer", () => {
    const out = selectPrintTargets(
      [
        printer({ id: "kitchen", templates: { "order.placed": ["kitchen"] }, product_type_ids: ["ptyp_food"] }),
        printer({ id: "bar", templates: { "order.placed": ["kitchen"] }, category_ids: ["pcat_cold"] }),
        printer({ id: "front" }),
      ],
      ctx
    )
    expect(out).toEqual([
      { printer_id: "kitchen", templates: ["kitchen"], item_ids: ["noodles"] },
      { printer_id: "bar", templates: ["kitchen"], item_ids: ["tea"] },
      { printer_id: "front", templates: ["receipt"], item_ids: null },
    ])
  })

  it("skips a printer with no matching line, a disabled one, and one without a template for the trigger", () => {
    const out = selectPrintTargets(
      [
        printer({ id: "dessert", product_type_ids: ["ptyp_dessert"] }),
        printer({ id: "off", enabled: false }),
        printer({ id: "packing-only", templates: { "order.fulfillment_created": ["packing"] } }),
      ],
      ctx
    )
    expect(out).toEqual([])
  })

  it("honours sales channel and stock location restrictions", () => {
    const out = selectPrintTargets(
      [
        printer({ id: "other-channel", sales_channel_id: "sc_pos" }),
        printer({ id: "same-channel", sales_channel_id: "sc_web" }),
        printer({ id: "beijing", stock_location_id: "sloc_beijing" }),
        printer({ id: "shanghai", stock_location_id: "sloc_shanghai" }),
      ],
      ctx
    )
    expect(out.map((t) => t.printer_id)).toEqual(["same-channel", "shanghai"])
    expect(selectPrintTargets([printer({ id: "x", stock_location_id: "sloc_shanghai" })], { ...ctx, location_id: null })).toEqual([])
  })
})
