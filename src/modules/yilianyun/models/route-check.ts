import { model } from "@medusajs/framework/utils"

/**
 * Which printers were already asked about an order's event (order, trigger, source): routed there
 * or not. The reconciler evaluates only printers not listed and without a job, so an order no
 * printer wants is not evaluated again every minute, and a printer whose job was lost is caught.
 * A candidate that keeps failing is given up after a few attempts, with its error kept here.
 */
const RouteCheck = model
  .define("yly_route_check", {
    id: model.id({ prefix: "ylyrc" }).primaryKey(),
    order_id: model.text(),
    trigger: model.text(),
    /** the fulfillment id for fulfillment triggers, '' otherwise */
    source: model.text().default(""),
    /** printer ids already evaluated for it */
    printer_ids: model.json(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
  })
  .indexes([{ on: ["order_id", "trigger", "source"], unique: true }])

export default RouteCheck
