import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

/**
 * What receipts, routing and the pickup number read of an order — and nothing else: every field is
 * work for the order module (totals are computed from items, adjustments and tax lines) and every
 * linked entity (customer, payment collections) another query on the way to the printer.
 */
/** The order's own fields (the order module), without those that come through links. */
const OWN_FIELDS = [
  "id",
  "display_id",
  "created_at",
  "currency_code",
  "email",
  "status",
  "is_draft_order",
  "sales_channel_id",
  "metadata",
  "total",
  "item_total",
  "discount_total",
  "shipping_total",
  "tax_total",
  "items.id",
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.discount_total",
  "items.product_type_id",
  "items.product_type",
  "items.metadata",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "shipping_address.phone",
  "shipping_address.company",
  "shipping_address.address_1",
  "shipping_address.address_2",
  "shipping_address.city",
  "shipping_address.province",
  "shipping_address.postal_code",
  "shipping_address.country_code",
  "shipping_methods.name",
  "shipping_methods.shipping_option_id",
]
/** Fields that come through a link, another module each: read beside the order's own, at the same time. */
const LINKED_FIELDS = [
  ["customer.first_name", "customer.last_name", "customer.phone", "customer.email"],
  ["payment_collections.status"],
]
export const ORDER_PRINT_FIELDS = [...OWN_FIELDS, ...LINKED_FIELDS.flat()]

/** Asked only when a printer routes by category (a cross-module read through the variant). */
const CATEGORY_FIELDS = ["items.variant.product.categories.id"]
/** Asked only for fulfillment triggers. */
const FULFILLMENT_FIELDS = [
  "fulfillments.id",
  "fulfillments.location_id",
  "fulfillments.items.line_item_id",
  "fulfillments.items.title",
  "fulfillments.items.sku",
  "fulfillments.items.quantity",
]

/** A money amount as query.graph returns it: a number, or a BigNumber-like value. */
export type Amount = number | string | { numeric?: number | string } | null | undefined

export interface LoadedAddress {
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
}

export interface LoadedItem {
  id: string
  title?: string | null
  product_title?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  quantity?: Amount
  unit_price?: Amount
  total?: Amount
  discount_total?: Amount
  product_type_id?: string | null
  product_type?: string | null
  metadata?: Record<string, unknown> | null
  /** only when a printer routes by category */
  variant?: { product?: { categories?: ({ id?: string | null } | null)[] | null } | null } | null
}

export interface LoadedFulfillment {
  id: string
  location_id?: string | null
  items?: { line_item_id?: string | null; title?: string | null; sku?: string | null; quantity?: Amount }[] | null
}

/** The fields of an order that printing reads (ORDER_PRINT_FIELDS, plus the optional ones). */
export interface LoadedOrder {
  id: string
  display_id?: number | string | null
  created_at?: Date | string | null
  currency_code?: string | null
  email?: string | null
  status?: string | null
  is_draft_order?: boolean | null
  sales_channel_id?: string | null
  metadata?: Record<string, any> | null
  total?: Amount
  /** not read by default (item_total is); kept for callers that load it */
  subtotal?: Amount
  item_total?: Amount
  discount_total?: Amount
  shipping_total?: Amount
  tax_total?: Amount
  items?: (LoadedItem | null)[] | null
  shipping_address?: LoadedAddress | null
  customer?: { first_name?: string | null; last_name?: string | null; phone?: string | null; email?: string | null } | null
  shipping_methods?: ({ name?: string | null; shipping_option_id?: string | null } | null)[] | null
  payment_collections?: ({ status?: string | null } | null)[] | null
  /** only for fulfillment triggers */
  fulfillments?: (LoadedFulfillment | null)[] | null
}

export type LoadOrderForPrintOutput = {
  order: LoadedOrder
  /** the stock location serving the order (order.placed, read only when a printer routes by
   *  location) or the fulfillment's location */
  location_id: string | null
  fulfillment: LoadedFulfillment | null
}

/** What loading needs to know of the printers: whether any routes by category or by location. */
export type RoutingPrinter = { enabled?: boolean | null; category_ids?: string[] | null; stock_location_id?: string | null }

export type LoadOrderForPrintInput = { order_id?: string | null; fulfillment_id?: string | null; payment_id?: string | null }

/**
 * Loads the order with everything a receipt and routing need (print workflow, reprints). The
 * serving stock location at order.placed is found through shipping method → shipping option →
 * service zone → fulfillment set → location (design §3); for fulfillment triggers it is the
 * fulfillment's own location. `printers`: the printers already read by the caller (enabled or
 * not), so they are not read twice.
 */
export async function loadOrderForPrint(
  container: MedusaContainer,
  input: LoadOrderForPrintInput,
  opts: { printers?: RoutingPrinter[] | Promise<RoutingPrinter[]> } = {}
): Promise<LoadOrderForPrintOutput> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orderId = input.order_id ?? (await resolveOrderId(query, input))
  const graph = async (fields: string[]) =>
    (await query.graph({ entity: "order", fields, filters: { id: orderId } })).data[0] as unknown as LoadedOrder | undefined
  // The order's own fields and each link's are read at once, and beside the printers (a caller's
  // promise): what only some printers' routing needs (categories, the location) is read after.
  const [own, printerList, ...linked] = await Promise.all([
    graph(input.fulfillment_id ? [...OWN_FIELDS, ...FULFILLMENT_FIELDS] : OWN_FIELDS),
    opts.printers ??
      (container
        .resolve<YilianyunModuleService>(YILIANYUN_MODULE)
        .listPrinters({ enabled: true }, { select: ["id", "enabled", "category_ids", "stock_location_id"] }) as unknown as Promise<
        RoutingPrinter[]
      >),
    ...LINKED_FIELDS.map((fields) => graph(["id", ...fields])),
  ])
  if (!own) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found.`)
  }
  const order: LoadedOrder = Object.assign(own, ...linked.map((l) => {
    const { id: _id, ...rest } = (l ?? {}) as LoadedOrder
    return rest
  }))
  const printers = printerList.filter((p: RoutingPrinter) => p.enabled !== false)
  const byCategory = printers.some((p: RoutingPrinter) => (p.category_ids ?? []).length > 0)
  const byLocation = printers.some((p: RoutingPrinter) => !!p.stock_location_id)
  if (byCategory) {
    // a cross-module read through the variant, only when a printer routes by category
    const withCategories = await graph(["id", "items.id", ...CATEGORY_FIELDS])
    const variants = new Map((withCategories?.items ?? []).map((i) => [i?.id, i?.variant]))
    for (const item of order.items ?? []) if (item) item.variant = variants.get(item.id) ?? null
  }
  let fulfillment: LoadedFulfillment | null = null
  let locationId: string | null = null
  if (input.fulfillment_id) {
    fulfillment = (order.fulfillments ?? []).find((f) => f?.id === input.fulfillment_id) ?? null
    if (!fulfillment) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Fulfillment ${input.fulfillment_id} does not belong to order ${orderId}.`
      )
    }
    locationId = fulfillment.location_id ?? null
  } else if (byLocation) {
    const optionIds = (order.shipping_methods ?? []).map((m) => m?.shipping_option_id).filter(Boolean) as string[]
    if (optionIds.length) {
      const { data: options } = await query.graph({
        entity: "shipping_option",
        fields: ["id", "service_zone.fulfillment_set.location.id"],
        filters: { id: optionIds },
      })
      locationId = options.map((o: any) => o?.service_zone?.fulfillment_set?.location?.id).find(Boolean) ?? null
    }
  }
  return { order, location_id: locationId, fulfillment }
}

/**
 * shipment.created / delivery.created carry only a fulfillment id and payment.captured a payment
 * id: the order is found through the order–fulfillment and order–payment-collection links.
 */
async function resolveOrderId(
  query: any,
  input: { fulfillment_id?: string | null; payment_id?: string | null }
): Promise<string> {
  if (input.fulfillment_id) {
    const { data } = await query.graph({
      entity: "fulfillment",
      fields: ["id", "order.id"],
      filters: { id: input.fulfillment_id },
    })
    const id = data[0]?.order?.id
    if (id) return id
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No order has fulfillment ${input.fulfillment_id}.`)
  }
  if (input.payment_id) {
    const { data } = await query.graph({
      entity: "payment",
      fields: ["id", "payment_collection.order.id"],
      filters: { id: input.payment_id },
    })
    const id = data[0]?.payment_collection?.order?.id
    if (id) return id
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No order has payment ${input.payment_id}.`)
  }
  throw new MedusaError(MedusaError.Types.INVALID_DATA, "An order id, fulfillment id or payment id is required.")
}
