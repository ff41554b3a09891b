import { parseDesign } from "./parse"
import type { DesignBase, ReceiptDesign } from "./types"

/**
 * The blocks a new design starts with, close to the built-in template it is based on — a starting
 * point the merchant then shapes (the built-in templates themselves stay as they are).
 */
const STARTERS: Record<DesignBase, Array<Record<string, unknown>>> = {
  receipt: [
    { type: "shop_header", size: "double" },
    { type: "title" },
    { type: "order_number", size: "double" },
    { type: "pickup_number", size: "double" },
    { type: "ordered_at" },
    { type: "sales_channel" },
    { type: "rule" },
    { type: "items" },
    { type: "rule" },
    { type: "totals", size: "tall", bold: true },
    { type: "payment" },
    { type: "customer_note", bold: true },
    { type: "rule" },
    { type: "recipient" },
    { type: "shipping_method" },
    { type: "qr" },
    { type: "feed" },
    { type: "footer" },
  ],
  kitchen: [
    { type: "title", size: "double" },
    { type: "order_number", size: "double" },
    { type: "pickup_number", size: "double" },
    { type: "ordered_at" },
    { type: "shipping_method", bold: true },
    { type: "sales_channel" },
    { type: "rule", char: "=" },
    { type: "items", size: "tall", bold: true },
    { type: "rule", char: "=" },
    { type: "item_count", bold: true },
    { type: "customer_note", size: "tall", bold: true },
  ],
  packing: [
    { type: "title", size: "double" },
    { type: "order_number", size: "double" },
    { type: "pickup_number", size: "double" },
    { type: "ordered_at" },
    { type: "fulfillment" },
    { type: "shipping_method" },
    { type: "rule" },
    { type: "items", bold: true },
    { type: "rule" },
    { type: "item_count", bold: true },
    { type: "rule" },
    { type: "recipient", size: "tall", bold: true },
    { type: "customer_note", bold: true },
  ],
  cancel: [
    { type: "title", size: "double" },
    { type: "order_number", size: "double" },
    { type: "pickup_number", size: "double" },
    { type: "cancel_info", bold: true },
    { type: "ordered_at" },
    { type: "rule" },
    { type: "items" },
    { type: "rule" },
    { type: "totals" },
    { type: "cancel_notice", size: "tall", bold: true, align: "left" },
  ],
}

/** A new design over a base template, normalized. */
export function starterDesign(base: DesignBase, name = ""): ReceiptDesign & { name: string } {
  const parsed = parseDesign({ name: name || undefined, base, blocks: STARTERS[base] })
  if (!parsed.design) throw new Error(`starter design for ${base} is invalid: ${parsed.issues.map((i) => i.message).join("; ")}`)
  return { ...parsed.design, name }
}

/** One block of a type with its defaults for this base (the designer's "add block"). */
export function newBlock(type: string, base: DesignBase) {
  const extra: Record<string, unknown> = type === "text" ? { text: "…" } : {}
  const parsed = parseDesign({ base, blocks: [{ type, ...extra }] })
  if (!parsed.design) throw new Error(parsed.issues.map((i) => i.message).join("; "))
  return parsed.design.blocks[0]
}
