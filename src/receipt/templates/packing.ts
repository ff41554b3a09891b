import { MarkupBuilder } from "../builder"
import { safeLine } from "../safe-text"
import type { TemplateFn } from "../types"
import { has, itemCountLine, orderHeadline, quantityTimes, recipientBlock, when } from "./common"

/**
 * The packing slip for one fulfillment: its items with a tick box, SKU and variant, and the
 * shipping address in large type. Without a fulfillment it lists the whole order.
 */
export const packingTemplate: TemplateFn = (order, profile, options) => {
  const b = new MarkupBuilder(profile)
  const L = options.labels
  const f = order.fulfillment
  const items = f ? f.items : order.items
  b.center(L.packingTitle, { size: "FS2" })
  orderHeadline(b, order, options)
  b.text(`${L.orderedAt}: ${when(order.createdAt, options)}`)
  if (f && has(f.id)) b.text(`${L.fulfillment}: ${safeLine(f.id)}`)
  if (f && has(f.locationName)) b.text(`${L.location}: ${safeLine(f.locationName)}`)
  if (has(order.shippingMethod)) b.text(`${L.shippingMethod}: ${safeLine(order.shippingMethod)}`)
  b.rule()
  for (const item of items) {
    b.text(`[ ] ${quantityTimes(L, item.quantity, item.title)}`, { bold: true }, { hanging: 4 })
    if (has(item.variantTitle)) b.text(item.variantTitle, undefined, { indent: 4 })
    if (has(item.sku)) b.text(`SKU: ${safeLine(item.sku)}`, undefined, { indent: 4 })
  }
  b.rule()
  b.text(itemCountLine(L, items), { bold: true })
  b.rule()
  recipientBlock(b, order, options, true)
  if (has(order.note)) b.text(`${L.note}: ${order.note}`, { bold: true }, { keepNewlines: true })
  return b.toString()
}
