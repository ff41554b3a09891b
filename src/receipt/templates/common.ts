import type { MarkupBuilder } from "../builder"
import { formatDateTime } from "../datetime"
import type { ReceiptLabels } from "../i18n"
import { formatMoney } from "../money"
import { addressLines } from "../names"
import { safeLine } from "../safe-text"
import type { ReceiptItem, ReceiptOrder, ResolvedRenderOptions } from "../types"

export { addressLines }

/**
 * Pieces the built-in templates share. Presence is always decided on the sanitised text, so a field
 * holding only unprintable characters is left out the same way an empty one is.
 */
export const has = (value: unknown): boolean => safeLine(value) !== ""

export const orderNumber = (order: ReceiptOrder): string => `#${safeLine(order.displayId) || safeLine(order.id)}`

export const money = (order: ReceiptOrder, amount: number | undefined): string =>
  formatMoney(amount ?? 0, order.currencyCode)

export const when = (value: Date | string, options: ResolvedRenderOptions): string =>
  formatDateTime(value, options.timezone)

/** "2 × 宫保鸡丁" / "2 x Fried rice" */
export const quantityTimes = (labels: ReceiptLabels, quantity: number, title: unknown): string =>
  `${quantity} ${labels.times} ${safeLine(title)}`

/** Shop name (large) and the merchant's header lines, centred. */
export function shopHeader(b: MarkupBuilder, options: ResolvedRenderOptions): void {
  if (has(options.shopName)) b.center(options.shopName, { size: "FS2" })
  for (const line of options.headerLines ?? []) b.center(line)
}

export function shopFooter(b: MarkupBuilder, options: ResolvedRenderOptions): void {
  const lines = (options.footerLines ?? []).filter(has)
  if (lines.length === 0) return
  b.blank()
  for (const line of lines) b.center(line)
}

/** The order number and today's pickup number, both large. */
export function orderHeadline(b: MarkupBuilder, order: ReceiptOrder, options: ResolvedRenderOptions): void {
  b.center(`${options.labels.order} ${orderNumber(order)}`, { size: "FS2" })
  if (has(order.pickupNumber)) b.center(`${options.labels.pickupNumber} ${safeLine(order.pickupNumber)}`, { size: "FS2" })
}

/** Who receives the order: name and phone, then the address; nothing when nothing is known. */
export function recipientBlock(b: MarkupBuilder, order: ReceiptOrder, options: ResolvedRenderOptions, large = false): void {
  const a = order.shippingAddress
  const name = safeLine(a?.name) || safeLine(order.customer?.name)
  const phone = safeLine(a?.phone) || safeLine(order.customer?.phone)
  const lines = a ? addressLines(a) : []
  if (!name && !phone && lines.length === 0) return
  const L = options.labels
  const style = large ? ({ size: "FH2", bold: true } as const) : ({ bold: true } as const)
  b.text(`${a ? L.shipTo : L.customer}:`)
  if (name || phone) b.text([name, phone].filter(Boolean).join("  "), style)
  for (const line of lines) b.text(line, large ? style : undefined)
}

/** Item metadata the merchant chose to print, as "key: value". */
export function metadataLines(item: ReceiptItem, keys: string[] | undefined): string[] {
  if (!keys?.length || !item.metadata) return []
  const out: string[] = []
  for (const key of keys) {
    const value = item.metadata[key]
    if (value === null || value === undefined || typeof value === "object") continue
    const text = safeLine(value)
    if (text) out.push(`${safeLine(key)}: ${text}`)
  }
  return out
}

/** "共 5 件" — total quantity of the lines. */
export function itemCountLine(labels: ReceiptLabels, items: Array<{ quantity: number }>): string {
  const n = items.reduce((sum, i) => sum + (Number.isFinite(i.quantity) ? i.quantity : 0), 0)
  return labels.itemCount.replace("{n}", String(n))
}
