import { model } from "@medusajs/framework/utils"

/**
 * Pushes the hook refused (bad sign, unreadable, stale, from the future), counted by reason and
 * shown in the admin. A validly signed push refused as stale is also recorded in full as a push
 * event (outcome "refused-stale"): a decision cannot be polled, so it must be visible.
 */
const PushRefusal = model.define("yly_push_refusal", {
  id: model.id({ prefix: "ylypr" }).primaryKey(),
  reason: model.text().unique(),
  count: model.number().default(0),
  last_at: model.dateTime(),
  last_cmd: model.text().nullable(),
  last_machine_code: model.text().nullable(),
})

export default PushRefusal
