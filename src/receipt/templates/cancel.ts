import { MarkupBuilder } from "../builder"
import { safeLine } from "../safe-text"
import type { TemplateFn } from "../types"
import { has, money, orderHeadline, quantityTimes, when } from "./common"

/** The cancellation notice: which order, when, why, and what no longer needs making or shipping. */
export const cancelTemplate: TemplateFn = (order, profile, options) => {
  const b = new MarkupBuilder(profile)
  const L = options.labels
  b.center(L.cancelTitle, { size: "FS2" })
  orderHeadline(b, order, options)
  b.text(`${L.canceledAt}: ${when(order.canceledAt ?? options.now, options)}`, { bold: true })
  b.text(`${L.orderedAt}: ${when(order.createdAt, options)}`)
  if (has(order.cancelReason)) b.text(`${L.cancelReason}: ${safeLine(order.cancelReason)}`, { bold: true })
  b.rule()
  for (const item of order.items) {
    b.text(quantityTimes(L, item.quantity, item.title), undefined, { hanging: 4 })
    if (has(item.variantTitle)) b.text(item.variantTitle, undefined, { indent: 4 })
  }
  b.rule()
  b.lr(L.originalTotal, money(order, order.total))
  b.text(L.cancelNotice, { size: "FH2", bold: true })
  return b.toString()
}
