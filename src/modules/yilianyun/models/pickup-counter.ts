import { model } from "@medusajs/framework/utils"

/** The daily pickup number printed large on receipts, one row per local day. */
const PickupCounter = model.define("yly_pickup_counter", {
  id: model.id({ prefix: "ylypick" }).primaryKey(),
  day: model.text().unique(),
  value: model.number().default(0),
})

export default PickupCounter
