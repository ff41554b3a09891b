import { personName } from "../../receipt/names"
import type { LoadedOrder, LoadOrderForPrintOutput } from "../print-order/steps/load-order-for-print"

const num = (v: unknown): number => {
  if (v === null || v === undefined) return 0
  if (typeof v === "number") return v
  if (typeof v === "object" && v && "numeric" in (v as any)) return Number((v as any).numeric)
  return Number(String(v))
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined)

/** Medusa's payment collection statuses → one word for the receipt. */
function paymentStatus(order: LoadedOrder): string | undefined {
  const statuses = (order.payment_collections ?? []).map((c) => c?.status).filter((s): s is string => !!s)
  if (!statuses.length) return undefined
  if (statuses.every((s) => s === "completed")) return "captured"
  if (statuses.some((s) => s === "authorized" || s === "partially_authorized")) return "authorized"
  return statuses[0]
}

/**
 * Maps the order loaded with query.graph into the receipt layer's plain ReceiptOrder. Amounts are
 * Medusa major units (BigNumber → number, never divided by 100). `itemIds` keeps only the lines a
 * kitchen/bar printer prints.
 */
export function mapOrderForReceipt(loaded: LoadOrderForPrintOutput, itemIds: string[] | null) {
  const { order, fulfillment } = loaded
  const keep = itemIds ? new Set(itemIds) : null
  const items = (order.items ?? [])
    .filter((i): i is NonNullable<typeof i> => !!i && (!keep || keep.has(i.id)))
    .map((i) => ({
      id: i.id,
      title: String((i.product_title && i.variant_title ? i.product_title : i.title) ?? ""),
      variantTitle: text(i.variant_title),
      sku: text(i.variant_sku),
      quantity: num(i.quantity),
      unitPrice: num(i.unit_price),
      total: num(i.total),
      discount: num(i.discount_total) || undefined,
      note: text(i.metadata?.note),
      productType: text(i.product_type),
    }))
  const a = order.shipping_address ?? null
  // "王小明" or "New Comer": the order of the parts depends on the script they are written in
  const customerName =
    personName(order.customer?.first_name, order.customer?.last_name) ?? personName(a?.first_name, a?.last_name)
  return {
    id: order.id as string,
    displayId: order.display_id ?? order.id,
    createdAt: order.created_at ?? new Date(),
    currencyCode: String(order.currency_code ?? "cny"),
    items,
    subtotal: num(order.item_total ?? order.subtotal),
    discountTotal: num(order.discount_total),
    shippingTotal: num(order.shipping_total),
    taxTotal: num(order.tax_total),
    total: num(order.total),
    paymentStatus: paymentStatus(order),
    customer: {
      name: customerName,
      phone: text(order.customer?.phone) ?? text(a?.phone),
      email: text(order.email) ?? text(order.customer?.email),
    },
    shippingAddress: a
      ? {
          name: personName(a.first_name, a.last_name),
          phone: text(a.phone),
          company: text(a.company),
          address1: text(a.address_1),
          address2: text(a.address_2),
          city: text(a.city),
          // municipalities (上海, 北京…) are their own province: print the name once
          province: text(a.province) !== text(a.city) ? text(a.province) : undefined,
          postalCode: text(a.postal_code),
          countryCode: text(a.country_code),
        }
      : undefined,
    shippingMethod: text(order.shipping_methods?.[0]?.name),
    note: text(order.metadata?.note) ?? text(order.metadata?.customer_note),
    fulfillment: fulfillment
      ? {
          id: fulfillment.id,
          items: (fulfillment.items ?? []).map((fi) => ({
            title: String(fi.title ?? ""),
            sku: text(fi.sku),
            quantity: num(fi.quantity),
          })),
        }
      : undefined,
  }
}
