import { model } from "@medusajs/framework/utils"
import PrintJob from "./print-job"

/**
 * A job prints as one or more parts (a long receipt splits "1/2", "2/2"). Each part has its own
 * origin_id, stable across retries so the cloud's 2-hour dedupe turns a retry into a no-op.
 * Pushes name the cloud's print id, so they are matched here.
 */
const PrintPart = model
  .define("yly_print_part", {
    id: model.id({ prefix: "ylypart" }).primaryKey(),
    part_number: model.number(),
    part_count: model.number(),
    origin_id: model.text().unique(),
    content: model.text(),
    print_id: model.text().nullable(),
    status: model.enum(["pending", "sent", "printed", "failed", "canceled"]).default("pending"),
    sent_at: model.dateTime().nullable(),
    printed_at: model.dateTime().nullable(),
    last_checked_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    job: model.belongsTo(() => PrintJob, { mappedBy: "parts" }),
  })
  .indexes([{ on: ["print_id"] }, { on: ["status"] }])

export default PrintPart
