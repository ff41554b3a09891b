import { model } from "@medusajs/framework/utils"
import Printer from "./printer"
import PrintPart from "./print-part"

/**
 * One rendering of one template of one order for one printer. The partial unique index makes a
 * re-delivered event a no-op; reprints (reprint_of set) are outside it (design §2).
 */
const PrintJob = model
  .define("yly_print_job", {
    id: model.id({ prefix: "ylyjob" }).primaryKey(),
    order_id: model.text(),
    trigger: model.text(),
    template: model.text(),
    /** the fulfillment id for fulfillment triggers, '' otherwise (NULLs never collide) */
    source: model.text().default(""),
    status: model.enum(["pending", "sent", "printed", "failed", "canceled"]).default("pending"),
    attempts: model.number().default(0),
    first_attempt_at: model.dateTime().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    /** the cloud code or our reason of the last failure (e.g. 9, "timeout", "budget") */
    last_error_code: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
    printed_at: model.dateTime().nullable(),
    canceled_at: model.dateTime().nullable(),
    reprint_of: model.text().nullable(),
    /** who asked: "event" | "reconcile" | "admin" | "api" */
    requested_by: model.text().default("event"),
    /** the receipt design and its version this job printed with (null: a template) — reprints use the same */
    design_id: model.text().nullable(),
    design_version: model.number().nullable(),
    printer: model.belongsTo(() => Printer, { mappedBy: "jobs" }),
    parts: model.hasMany(() => PrintPart, { mappedBy: "job" }),
  })
  .indexes([
    {
      name: "IDX_yly_print_job_once",
      on: ["order_id", "printer_id", "trigger", "template", "source"],
      unique: true,
      where: "reprint_of IS NULL AND deleted_at IS NULL",
    },
    { on: ["order_id"] },
    { on: ["status"] },
  ])

export default PrintJob
