import { MarkupBuilder } from "../builder"
import { paymentStatusLabel } from "../i18n"
import { safeLine } from "../safe-text"
import type { ReceiptOrder, ResolvedRenderOptions, TemplateFn } from "../types"
import { has, metadataLines, money, orderHeadline, recipientBlock, shopFooter, shopHeader, when } from "./common"

/** The QR's content: the configured URL with {order_id}/{display_id} filled in, else the order number. */
export function receiptQrData(order: ReceiptOrder, options: Pick<ResolvedRenderOptions, "qrUrl">): string {
  if (!options.qrUrl) return safeLine(order.displayId) || order.id
  return options.qrUrl
    .replace(/\{order_id\}/g, encodeURIComponent(order.id))
    .replace(/\{display_id\}/g, encodeURIComponent(String(order.displayId)))
}

/**
 * The customer receipt: shop, the order number large, date and time in the store's zone, each item
 * with variant, quantity, unit and line price, the totals, payment status, the customer's note,
 * where it goes, and a QR code. Item lines are padded text (names keep their commas, and a long
 * order does not run into the 25-use limit); the totals use <LR>.
 */
export const receiptTemplate: TemplateFn = (order, profile, options) => {
  const b = new MarkupBuilder(profile)
  const L = options.labels
  shopHeader(b, options)
  b.center(L.receiptTitle)
  orderHeadline(b, order, options)
  b.text(`${L.orderedAt}: ${when(order.createdAt, options)}`)
  if (has(order.salesChannel)) b.text(`${L.salesChannel}: ${safeLine(order.salesChannel)}`)
  b.rule()
  b.lr(L.item, L.amount, { bold: true })
  b.rule()
  for (const item of order.items) {
    b.justify(item.title, money(order, item.total))
    if (has(item.variantTitle)) b.text(item.variantTitle, undefined, { indent: 2 })
    b.text(`${money(order, item.unitPrice)} ${L.times} ${item.quantity}`, undefined, { indent: 2 })
    if ((item.discount ?? 0) > 0) b.text(`${L.itemDiscount} ${money(order, -(item.discount as number))}`, undefined, { indent: 2 })
    for (const line of metadataLines(item, options.itemMetadataKeys)) b.text(line, undefined, { indent: 2 })
    if (has(item.note)) b.text(`${L.itemNote}: ${safeLine(item.note)}`, undefined, { indent: 2 })
  }
  b.rule()
  b.lr(L.subtotal, money(order, order.subtotal))
  if ((order.discountTotal ?? 0) > 0) b.lr(L.discount, money(order, -(order.discountTotal as number)))
  if (order.shippingTotal !== undefined && (order.shippingTotal > 0 || has(order.shippingMethod))) {
    b.lr(L.shipping, money(order, order.shippingTotal))
  }
  if ((order.taxTotal ?? 0) > 0) b.lr(L.tax, money(order, order.taxTotal))
  b.lr(L.total, money(order, order.total), { size: "FH2", bold: true })
  if (has(order.paymentStatus)) b.text(`${L.payment}: ${paymentStatusLabel(L, safeLine(order.paymentStatus))}`)
  if (has(order.note)) {
    b.rule()
    b.text(`${L.note}: ${order.note}`, { bold: true }, { keepNewlines: true })
  }
  b.rule()
  recipientBlock(b, order, options)
  if (has(order.shippingMethod)) b.text(`${L.shippingMethod}: ${safeLine(order.shippingMethod)}`)
  if (options.showQr !== false) b.qr(receiptQrData(order, options))
  shopFooter(b, options)
  return b.toString()
}
