import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { listTemplates, previewHtml, previewText, renderReceipt } from "../../../../receipt"
import { ORDER_PRINT_FIELDS } from "../../../../workflows/print-order/steps/load-order-for-print"
import { mapOrderForReceipt } from "../../../../workflows/utils/map-order"
import { renderOptionsOf } from "../../../../workflows/utils/render-for-printer"
import { selectPrintTargets } from "../../../../workflows/utils/select-print-targets"
import { loadOrder, loadPrinter, ylyOf } from "../helpers"
import type { GetPreviewType } from "../validators"

/**
 * GET /admin/yilianyun/preview?order_id=…&printer_id=…[&template=…][&reprint=true] — the order as
 * that printer would print it: the same rendering as printing (model, paper width, language,
 * merchant texts, the lines a kitchen/bar printer is limited to), laid out as on paper.
 * → `{ markup, text, html, parts, columns, template, timezone, warnings }`
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = req.validatedQuery as GetPreviewType
  const yly = ylyOf(req.scope)
  const printer = await loadPrinter(yly, q.printer_id)
  const template = q.template ?? printer.templates?.["order.placed"]?.[0] ?? "receipt"
  if (!listTemplates().includes(template)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'template' must be one of ${listTemplates().filter((t) => t !== "test").join(", ")}.`
    )
  }
  const order = await loadOrder(req.scope, q.order_id, ORDER_PRINT_FIELDS)
  const loaded = { order, location_id: null, fulfillment: null }

  // A printer limited to product types or categories prints only its lines; shown the same way.
  const [target] = selectPrintTargets([{ ...printer, enabled: true, sales_channel_id: null, stock_location_id: null, templates: { preview: [template] } }], {
    trigger: "preview",
    sales_channel_id: null,
    location_id: null,
    items: (order.items ?? []).map((i: any) => ({
      id: i.id,
      product_type_id: i.product_type_id ?? null,
      category_ids: (i.variant?.product?.categories ?? []).map((c: any) => c?.id).filter(Boolean),
    })),
  })
  const itemIds = target ? target.item_ids : []
  const options = renderOptionsOf(printer, yly.getOptions().timezone, { reprint: Boolean(q.reprint) })
  const result = renderReceipt(template, mapOrderForReceipt(loaded as any, itemIds), options)
  const paper = { columns: result.columns }
  res.json({
    printer: { id: printer.id, name: printer.name, model: printer.model, paper_width: printer.paper_width },
    order: { id: order.id, display_id: order.display_id },
    template,
    // the paper's times are in the store's zone; the admin names it next to its own
    timezone: options.timezone,
    columns: result.columns,
    parts: result.parts.length,
    markup: result.parts.join("\n"),
    text: result.parts.map((p) => previewText(p, paper)).join("\n\n"),
    html: result.parts.map((p) => previewHtml(p, paper)).join(""),
    warnings: target ? result.warnings : [...result.warnings, "None of this order's lines match this printer's product types or categories: it would print nothing for this order."],
  })
}
