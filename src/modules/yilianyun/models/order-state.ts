import { model } from "@medusajs/framework/utils"

/**
 * What the plugin keeps per order besides its jobs: the daily pickup number, allocated once in
 * the same transaction as the order's first job. Order metadata is derived from this and the jobs.
 */
const OrderState = model.define("yly_order_state", {
  id: model.id({ prefix: "ylyord" }).primaryKey(),
  order_id: model.text().unique(),
  pickup_number: model.number().nullable(),
  pickup_day: model.text().nullable(),
})

export default OrderState
