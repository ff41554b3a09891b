/** The Medusa events a printer can print on; each maps to template names per printer (design §3). */
export const PRINT_TRIGGERS = [
  "order.placed",
  "payment.captured",
  "order.fulfillment_created",
  "shipment.created",
  "delivery.created",
  "order.canceled",
] as const

export type PrintTrigger = (typeof PRINT_TRIGGERS)[number]
