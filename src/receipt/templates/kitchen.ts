import { MarkupBuilder } from "../builder"
import { safeLine } from "../safe-text"
import type { TemplateFn } from "../types"
import { has, itemCountLine, metadataLines, orderHeadline, quantityTimes, when } from "./common"

/**
 * The kitchen ticket: large type, what to make and how many, the notes — no prices. Items print
 * double height and bold (<FH2><FB>): as tall as the ×2 size but with the full line width, so long
 * dish names wrap less.
 */
export const kitchenTemplate: TemplateFn = (order, profile, options) => {
  const b = new MarkupBuilder(profile)
  const L = options.labels
  b.center(L.kitchenTitle, { size: "FS2" })
  orderHeadline(b, order, options)
  b.text(`${L.orderedAt}: ${when(order.createdAt, options)}`)
  if (has(order.shippingMethod)) b.text(`${L.shippingMethod}: ${safeLine(order.shippingMethod)}`, { bold: true })
  if (has(order.salesChannel)) b.text(`${L.salesChannel}: ${safeLine(order.salesChannel)}`)
  b.rule("=")
  for (const item of order.items) {
    b.text(quantityTimes(L, item.quantity, item.title), { size: "FH2", bold: true }, { hanging: 4 })
    if (has(item.variantTitle)) b.text(item.variantTitle, { bold: true }, { indent: 4 })
    for (const line of metadataLines(item, options.itemMetadataKeys)) b.text(line, { bold: true }, { indent: 4 })
    if (has(item.note)) b.text(`${L.itemNote}: ${safeLine(item.note)}`, { size: "FH2", bold: true }, { indent: 4 })
  }
  b.rule("=")
  b.text(itemCountLine(L, order.items), { bold: true })
  if (has(order.note)) b.text(`${L.note}: ${order.note}`, { size: "FH2", bold: true }, { keepNewlines: true })
  return b.toString()
}
