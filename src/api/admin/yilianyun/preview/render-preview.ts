import { MedusaContainer } from "@medusajs/framework/types"
import {
  designProblems, previewHtml, previewText, ReceiptOrder, renderReceipt, sampleOrder,
} from "../../../../receipt"
import type YilianyunModuleService from "../../../../modules/yilianyun/service"
import { ORDER_PRINT_FIELDS } from "../../../../workflows/print-order/steps/load-order-for-print"
import { mapOrderForReceipt } from "../../../../workflows/utils/map-order"
import {
  PrinterForRender, profileOf, renderOptionsOf, RenderSource, withSource,
} from "../../../../workflows/utils/render-for-printer"
import { selectPrintTargets } from "../../../../workflows/utils/select-print-targets"
import { loadOrder, OrderSummary } from "../helpers"

/** what the preview reads of an order's line to pick a kitchen/bar printer's lines */
type PreviewItem = {
  id: string
  product_type_id?: string | null
  variant?: { product?: { categories?: ({ id: string } | null)[] | null } | null } | null
}

/** A paper to preview on when no printer is chosen (the designer): a K4 at 58 mm unless told. */
export function paperOnly(opts: { model?: string; paper_width?: 58 | 80; language?: "zh-CN" | "en" }): PrinterForRender & { id: null } {
  const en = opts.language === "en"
  return {
    id: null,
    name: en ? "Sample paper" : "示例纸张",
    model: (opts.model ?? "K4").toUpperCase(),
    paper_width: opts.paper_width ?? 58,
    columns: null,
    mode: "auto",
    copies: 1,
    // shop texts for the blocks that print them, so the designer shows where they go
    receipt_settings: {
      language: opts.language ?? "zh-CN",
      shop_name: en ? "Golden Dragon" : "金龙小厨",
      header_lines: [en ? "Open 10:00-22:00" : "营业时间 10:00-22:00"],
      footer_lines: [en ? "Thank you!" : "谢谢惠顾"],
    },
  }
}

/**
 * The preview answer shared by GET and POST /admin/yilianyun/preview: the order (or the sample
 * order) rendered exactly as printing renders it for this printer — same options, same lines for
 * a kitchen/bar printer — laid out as on paper, part by part.
 */
export async function buildPreview(
  scope: MedusaContainer,
  yly: YilianyunModuleService,
  args: { printer: any; orderId: string | null; source: RenderSource; reprint: boolean }
) {
  const { printer, source } = args
  let order: ReceiptOrder
  let orderInfo: { id: string; display_id: number | string; sample: boolean }
  let itemIds: string[] | null = null
  let target = true
  if (args.orderId) {
    const loadedOrder = await loadOrder<OrderSummary & { items?: PreviewItem[] | null }>(scope, args.orderId, ORDER_PRINT_FIELDS)
    const loaded = { order: loadedOrder, location_id: null, fulfillment: null }
    if (printer.id) {
      // A printer limited to product types or categories prints only its lines; shown the same way.
      const [t] = selectPrintTargets(
        [{ ...printer, enabled: true, sales_channel_id: null, stock_location_id: null, templates: { preview: [source.template] } }],
        {
          trigger: "preview",
          sales_channel_id: null,
          location_id: null,
          items: (loadedOrder.items ?? []).map((i) => ({
            id: i.id,
            product_type_id: i.product_type_id ?? null,
            category_ids: (i.variant?.product?.categories ?? []).map((c) => c?.id).filter((id): id is string => Boolean(id)),
          })),
        }
      )
      target = Boolean(t)
      itemIds = t ? t.item_ids : []
    }
    order = mapOrderForReceipt(loaded as any, itemIds)
    orderInfo = { id: loadedOrder.id, display_id: loadedOrder.display_id, sample: false }
  } else {
    order = sampleOrder()
    orderInfo = { id: order.id, display_id: order.displayId, sample: true }
  }
  const options = withSource(source, renderOptionsOf(printer, yly.getOptions().timezone, { reprint: args.reprint }))
  const result = renderReceipt(source.template, order, options)
  // with the model, a voice tag the printer lacks shows literally, as the paper would print it
  const paper = { columns: result.columns, model: printer.model, firmware: (printer as { firmware?: string | null }).firmware }
  const prints = result.parts.map((p, i) => ({ part: i + 1, of: result.parts.length, text: previewText(p, paper), html: previewHtml(p, paper) }))
  const problems = source.design ? designProblems(source.design.layout, profileOf(printer)) : []
  const warnings = [...result.warnings, ...problems.map((p) => p.message)]
  if (!target) warnings.push("None of this order's lines match this printer's product types or categories: it would print nothing for this order.")
  return {
    printer: { id: printer.id, name: printer.name, model: printer.model, paper_width: printer.paper_width },
    order: orderInfo,
    template: source.template,
    design: source.design ? { id: source.design.id, name: source.design.name, version: source.design.version } : null,
    // the paper's times are in the store's zone; the admin names it next to its own
    timezone: options.timezone,
    columns: result.columns,
    parts: result.parts.length,
    markup: result.parts.join("\n"),
    text: prints.map((p) => p.text).join("\n\n"),
    html: prints.map((p) => p.html).join(""),
    prints,
    problems,
    warnings,
  }
}
