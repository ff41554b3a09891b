import { model } from "@medusajs/framework/utils"

/** Dedupe log of accepted pushes: the cloud delivers a push up to 3 times. */
const PushEvent = model
  .define("yly_push_event", {
    id: model.id({ prefix: "ylypush" }).primaryKey(),
    dedupe_key: model.text().unique(),
    cmd: model.text(),
    machine_code: model.text().nullable(),
    order_id: model.text().nullable(),
    state: model.text().nullable(),
    push_time: model.number(),
    payload: model.json(),
    applied_at: model.dateTime().nullable(),
    outcome: model.text().nullable(),
  })
  .indexes([{ on: ["created_at"] }])

export default PushEvent
