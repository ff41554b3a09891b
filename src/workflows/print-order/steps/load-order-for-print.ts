import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

export const ORDER_PRINT_FIELDS = [
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
  "subtotal",
  "item_total",
  "discount_total",
  "shipping_total",
  "tax_total",
  "items.id",
  "items.title",
  "items.subtitle",
  "items.product_title",
  "items.variant_title",
  "items.variant_sku",
  "items.quantity",
  "items.unit_price",
  "items.total",
  "items.subtotal",
  "items.discount_total",
  "items.product_type_id",
  "items.product_type",
  "items.metadata",
  "shipping_address.*",
  "customer.first_name",
  "customer.last_name",
  "customer.phone",
  "customer.email",
  "shipping_methods.name",
  "shipping_methods.shipping_option_id",
  "payment_collections.status",
]

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

export type LoadedOrder = Record<string, any>

export type LoadOrderForPrintOutput = {
  order: LoadedOrder
  /** the stock location serving the order (order.placed, read only when a printer routes by
   *  location) or the fulfillment's location */
  location_id: string | null
  fulfillment: LoadedOrder | null
}

/**
 * Loads the order with everything a receipt and routing need. The serving stock location at
 * order.placed is found through shipping method → shipping option → service zone → fulfillment
 * set → location (design §3); for fulfillment triggers it is the fulfillment's own location.
 */
export const loadOrderForPrintStep = createStep(
  "yly-load-order-for-print",
  async (input: LoadOrderForPrintInput, { container }) =>
    new StepResponse<LoadOrderForPrintOutput>(await loadOrderForPrint(container, input))
)

export type LoadOrderForPrintInput = { order_id?: string | null; fulfillment_id?: string | null; payment_id?: string | null }

/** The step's logic, also used by the reprint workflow. */
export async function loadOrderForPrint(container: MedusaContainer, input: LoadOrderForPrintInput): Promise<LoadOrderForPrintOutput> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orderId = input.order_id ?? (await resolveOrderId(query, input))
  // Only what the enabled printers' routing needs is read: every link is another query.
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const printers = await yly.listPrinters({ enabled: true }, { select: ["id", "category_ids", "stock_location_id"] })
  const byCategory = printers.some((p: any) => (p.category_ids ?? []).length > 0)
  const byLocation = printers.some((p: any) => !!p.stock_location_id)
  const fields = [
    ...ORDER_PRINT_FIELDS,
    ...(byCategory ? CATEGORY_FIELDS : []),
    ...(input.fulfillment_id ? FULFILLMENT_FIELDS : []),
  ]
  const {
  data: [order],
  } = await query.graph({ entity: "order", fields, filters: { id: orderId } })
  if (!order) {
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found.`)
  }
  let fulfillment: LoadedOrder | null = null
  let locationId: string | null = null
  if (input.fulfillment_id) {
  fulfillment = (order.fulfillments ?? []).find((f: any) => f?.id === input.fulfillment_id) ?? null
  if (!fulfillment) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Fulfillment ${input.fulfillment_id} does not belong to order ${orderId}.`
    )
  }
  locationId = fulfillment.location_id ?? null
  } else if (byLocation) {
  const optionIds = (order.shipping_methods ?? [])
    .map((m: any) => m?.shipping_option_id)
    .filter(Boolean) as string[]
  if (optionIds.length) {
    const { data: options } = await query.graph({
      entity: "shipping_option",
      fields: ["id", "service_zone.fulfillment_set.location.id"],
      filters: { id: optionIds },
    })
    locationId =
      options.map((o: any) => o?.service_zone?.fulfillment_set?.location?.id).find(Boolean) ?? null
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
