import { model } from "@medusajs/framework/utils"
import { PRINT_STATUSES } from "../statuses"
import PrintJob from "./print-job"

/**
 * A job prints as one or more parts (a long receipt splits "1/2", "2/2"). Each part has its own
 * origin_id, stable across retries so the cloud's 2-hour dedupe turns a retry into a no-op.
 * Pushes name the cloud's print id or the origin_id, so they are matched here. Only the ledger
 * (ledger.ts) writes a part.
 */
const PrintPart = model
  .define("yly_print_part", {
    id: model.id({ prefix: "ylypart" }).primaryKey(),
    part_number: model.number(),
    part_count: model.number(),
    origin_id: model.text().unique(),
    content: model.text(),
    print_id: model.text().nullable(),
    status: model.enum([...PRINT_STATUSES]).default("pending"),
    attempts: model.number().default(0),
    /** the first attempt that may have reached the cloud: the cloud's dedupe window counts from it */
    first_attempt_at: model.dateTime().nullable(),
    /** when the last attempt started (a request may land until its lifetime has passed) */
    last_attempt_at: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
    printed_at: model.dateTime().nullable(),
    last_checked_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    job: model.belongsTo(() => PrintJob, { mappedBy: "parts" }),
  })
  .indexes([{ on: ["print_id"] }, { on: ["status"] }])

export default PrintPart
