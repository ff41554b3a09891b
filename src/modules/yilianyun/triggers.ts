/**
 * The events a printer can print on (design §3). A printer's `templates` map each of them to the
 * templates it prints then, e.g. `{ "order.placed": ["receipt"], "shipment.created": ["packing"] }`:
 * the module stores that map, so the list lives with it; the admin API validates against it and
 * lists it for the admin's form.
 */
export const PRINT_TRIGGERS = [
  "order.placed",
  "payment.captured",
  "order.fulfillment_created",
  "shipment.created",
  "delivery.created",
  "order.canceled",
] as const

export type PrintTrigger = (typeof PRINT_TRIGGERS)[number]
