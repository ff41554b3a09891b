import { MarkupBuilder, type TextStyle } from "../builder"
import { paymentStatusLabel, type ReceiptLabels } from "../i18n"
import { safeLine, safeText } from "../safe-text"
import {
  addressLines, has, itemCountLine, metadataLines, money, orderNumber, receiptQrData,
} from "../templates"
import { formatDateTime } from "../datetime"
import type { ReceiptOrder, ResolvedRenderOptions, TemplateFn } from "../types"
import { textColumns } from "../width"
import type { BlockAlign, BlockOf, BlockSize, DesignBase, DesignBlock, ReceiptDesign } from "./types"

/**
 * Draws a design: each visible block in order, through the same MarkupBuilder as the built-in
 * templates, so every piece of shop or customer text goes through safeText, every line is wrapped
 * by GBK columns at its size (nothing runs past the paper), and center/right/LR fall back to padded
 * lines after the printer's 25 uses.
 */
export function designTemplate(design: ReceiptDesign): TemplateFn {
  return (order, profile, options) => {
    const b = new MarkupBuilder(profile)
    const ctx: Ctx = { b, order, options, L: options.labels, base: design.base }
    for (const block of design.blocks) if (block.visible) drawBlock(ctx, block)
    return b.toString()
  }
}

type Ctx = { b: MarkupBuilder; order: ReceiptOrder; options: ResolvedRenderOptions; L: ReceiptLabels; base: DesignBase }

const SIZE_TAG: Record<BlockSize, TextStyle["size"]> = { normal: undefined, tall: "FH2", wide: "FW2", double: "FS2" }

export function styleOf(block: { size: BlockSize; bold: boolean }): TextStyle {
  return { size: SIZE_TAG[block.size], bold: block.bold || undefined }
}

/** One line of text at the block's size, bold and alignment. */
function put(b: MarkupBuilder, text: unknown, style: TextStyle, align: BlockAlign): void {
  if (align === "center") b.center(text, style)
  else if (align === "right") b.right(text, style)
  else b.text(text, style)
}

const when = (value: Date | string, options: ResolvedRenderOptions) => formatDateTime(value, options.timezone)

/** The title of the base template in the printer's language. */
export function baseTitle(labels: ReceiptLabels, base: DesignBase): string {
  return { receipt: labels.receiptTitle, kitchen: labels.kitchenTitle, packing: labels.packingTitle, cancel: labels.cancelTitle }[base]
}

/**
 * "138****0000": the middle digits of a phone number hidden, the first three of the national number
 * and the last four kept ("+86 138****0000", "021-****5678"); other characters stay as they are.
 */
export function maskPhone(phone: string): string {
  const digits: number[] = []
  for (let i = 0; i < phone.length; i++) if (phone[i] >= "0" && phone[i] <= "9") digits.push(i)
  const n = digits.length
  if (n < 5) return phone
  const start = n >= 11 ? n - 11 : 0 // a country code before an 11-digit number stays
  const keepHead = n >= 8 ? start + 3 : 0
  const out = phone.split("") // UTF-16 units, the same indexes as `digits`
  digits.forEach((at, k) => {
    if (k >= keepHead && k < n - 4) out[at] = "*"
  })
  return out.join("")
}

function drawBlock(ctx: Ctx, block: DesignBlock): void {
  const { b, order, options, L } = ctx
  const style = styleOf(block)
  switch (block.type) {
    case "shop_header":
      if (has(options.shopName)) put(b, options.shopName, style, block.align)
      if (block.header_lines) for (const line of options.headerLines ?? []) put(b, line, { bold: block.bold || undefined }, block.align)
      return
    case "title":
      return put(b, has(block.text) ? block.text : baseTitle(L, ctx.base), style, block.align)
    case "order_number":
      return put(b, block.label ? `${L.order} ${orderNumber(order)}` : orderNumber(order), style, block.align)
    case "pickup_number":
      if (has(order.pickupNumber)) put(b, `${L.pickupNumber} ${safeLine(order.pickupNumber)}`, style, block.align)
      return
    case "ordered_at":
      return put(b, `${L.orderedAt}: ${when(order.createdAt, options)}`, style, block.align)
    case "sales_channel":
      if (has(order.salesChannel)) put(b, `${L.salesChannel}: ${safeLine(order.salesChannel)}`, style, block.align)
      return
    case "shipping_method":
      if (has(order.shippingMethod)) put(b, `${L.shippingMethod}: ${safeLine(order.shippingMethod)}`, style, block.align)
      return
    case "payment":
      if (has(order.paymentStatus)) put(b, `${L.payment}: ${paymentStatusLabel(L, safeLine(order.paymentStatus))}`, style, block.align)
      return
    case "item_count":
      return put(b, itemCountLine(L, itemsOf(ctx)), style, block.align)
    case "customer_note":
      if (has(order.note)) b.text(`${L.note}: ${safeText(order.note, { keepNewlines: true })}`, style, { keepNewlines: true })
      return
    case "items":
      return drawItems(ctx, block)
    case "totals":
      return drawTotals(ctx, block)
    case "recipient":
      return drawRecipient(ctx, block)
    case "fulfillment": {
      const f = order.fulfillment
      if (f && has(f.id)) b.text(`${L.fulfillment}: ${safeLine(f.id)}`, style)
      if (f && has(f.locationName)) b.text(`${L.location}: ${safeLine(f.locationName)}`, style)
      return
    }
    case "cancel_info":
      b.text(`${L.canceledAt}: ${when(order.canceledAt ?? options.now, options)}`, style)
      if (has(order.cancelReason)) b.text(`${L.cancelReason}: ${safeLine(order.cancelReason)}`, style)
      return
    case "cancel_notice":
      return put(b, L.cancelNotice, style, block.align)
    case "qr":
      b.qr(has(block.url) ? fillUrl(block.url, order) : receiptQrData(order, options))
      return
    case "footer":
      for (const line of options.footerLines ?? []) if (has(line)) put(b, line, style, block.align)
      return
    case "text":
      return drawText(b, block)
    case "rule":
      b.rule(block.char)
      return
    case "feed":
      b.blank(block.lines)
      return
  }
}

function fillUrl(url: string, order: ReceiptOrder): string {
  return url
    .replace(/\{order_id\}/g, encodeURIComponent(order.id))
    .replace(/\{display_id\}/g, encodeURIComponent(String(order.displayId)))
}

/** Free text: its own line breaks kept (a blank line stays blank), each line aligned. */
function drawText(b: MarkupBuilder, block: BlockOf<"text">): void {
  const style = styleOf(block)
  const lines = safeText(block.text, { keepNewlines: true }).replace(/\s+$/, "").split("\n")
  if (block.align === "left") {
    b.text(lines.join("\n"), style, { keepNewlines: true })
    return
  }
  for (const line of lines) {
    if (safeLine(line)) put(b, line, style, block.align)
    else b.blank()
  }
}

type AnyItem = { title: string; variantTitle?: string; sku?: string; quantity: number; unitPrice?: number; total?: number; discount?: number; note?: string; metadata?: Record<string, unknown> }

/** A packing slip lists its fulfillment's items; everything else the order's. */
function itemsOf(ctx: Ctx): AnyItem[] {
  return ctx.base === "packing" && ctx.order.fulfillment ? ctx.order.fulfillment.items : ctx.order.items
}

/**
 * Each item: the main line (tick box, "2 ×" when quantity shows without the unit price, the name,
 * the line total at the right edge), then indented lines for variant, SKU, "unit price × quantity",
 * discount, metadata and the item note. Size and bold apply to the main line and the note, the
 * lines between print at normal size (bold when the block is).
 */
function drawItems(ctx: Ctx, block: BlockOf<"items">): void {
  const { b, order, L, options } = ctx
  const c = block.columns
  const style = styleOf(block)
  const sub: TextStyle = { bold: block.bold || undefined }
  for (const item of itemsOf(ctx)) {
    const box = block.checkbox ? "[ ] " : ""
    const qty = c.quantity && !c.unit_price ? `${item.quantity} ${L.times} ` : ""
    const name = c.name ? safeLine(item.title) : ""
    const lead = box + qty
    const indent = Math.min(6, Math.max(2, textColumns(lead)))
    let main = (lead + name).trim()
    if (!main) main = c.sku && has(item.sku) ? `SKU: ${safeLine(item.sku)}` : qty || `${item.quantity} ${L.times}`
    const total = c.line_total && typeof item.total === "number" ? money(order, item.total) : ""
    if (total) b.justify(main, total, style)
    else b.text(main, style, { hanging: Math.min(indent, 8) })
    if (c.variant && has(item.variantTitle)) b.text(item.variantTitle, sub, { indent })
    if (c.sku && has(item.sku) && !main.startsWith("SKU: ")) b.text(`SKU: ${safeLine(item.sku)}`, sub, { indent })
    if (c.unit_price && typeof item.unitPrice === "number") {
      b.text(c.quantity ? `${money(order, item.unitPrice)} ${L.times} ${item.quantity}` : money(order, item.unitPrice), sub, { indent })
    }
    if ((c.line_total || c.unit_price) && (item.discount ?? 0) > 0) b.text(`${L.itemDiscount} ${money(order, -(item.discount as number))}`, sub, { indent })
    for (const line of metadataLines(item as any, options.itemMetadataKeys)) b.text(line, sub, { indent })
    if (c.note && has(item.note)) b.text(`${L.itemNote}: ${safeLine(item.note)}`, style, { indent })
  }
}

/** Totals as left/right lines; size and bold apply to the grand total, the others print normal. */
function drawTotals(ctx: Ctx, block: BlockOf<"totals">): void {
  const { b, order, L } = ctx
  const on = block.lines
  if (on.subtotal) b.lr(L.subtotal, money(order, order.subtotal))
  if (on.discount && (order.discountTotal ?? 0) > 0) b.lr(L.discount, money(order, -(order.discountTotal as number)))
  if (on.shipping && order.shippingTotal !== undefined && (order.shippingTotal > 0 || has(order.shippingMethod))) {
    b.lr(L.shipping, money(order, order.shippingTotal))
  }
  if (on.tax && (order.taxTotal ?? 0) > 0) b.lr(L.tax, money(order, order.taxTotal))
  if (on.total) b.lr(ctx.base === "cancel" ? L.originalTotal : L.total, money(order, order.total), styleOf(block))
}

/** Who receives the order: a label line, then name and phone (masked when asked), then the address. */
function drawRecipient(ctx: Ctx, block: BlockOf<"recipient">): void {
  const { b, order, options, L } = ctx
  const a = order.shippingAddress
  const name = block.name ? safeLine(a?.name) || safeLine(order.customer?.name) : ""
  let phone = block.phone ? safeLine(a?.phone) || safeLine(order.customer?.phone) : ""
  if (phone && block.mask_phone) phone = maskPhone(phone)
  const lines = block.address && a ? addressLines(a) : []
  if (!name && !phone && lines.length === 0) return
  const style = styleOf(block)
  b.text(`${a ? L.shipTo : L.customer}:`)
  if (name || phone) b.text([name, phone].filter(Boolean).join("  "), style)
  for (const line of lines) b.text(line, style)
}
