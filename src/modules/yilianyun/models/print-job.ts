import { model } from "@medusajs/framework/utils"
import { PRINT_STATUSES } from "../statuses"
import Printer from "./printer"
import PrintPart from "./print-part"

/**
 * One rendering of one template of one order for one printer. The partial unique index makes a
 * re-delivered event a no-op; reprints (reprint_of set) are outside it (design §2). Only the
 * ledger (ledger.ts) writes a job: its status is derived from its parts and its claim.
 */
const PrintJob = model
  .define("yly_print_job", {
    id: model.id({ prefix: "ylyjob" }).primaryKey(),
    order_id: model.text(),
    trigger: model.text(),
    template: model.text(),
    /** the fulfillment id for fulfillment triggers, '' otherwise (NULLs never collide) */
    source: model.text().default(""),
    status: model.enum([...PRINT_STATUSES]).default("pending"),
    attempts: model.number().default(0),
    /** the first attempt that may have reached the cloud (the start of its dedupe window) */
    first_attempt_at: model.dateTime().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    /** the cloud code or our reason of the last failure (e.g. 9, "timeout", "token_budget") */
    last_error_code: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
    printed_at: model.dateTime().nullable(),
    canceled_at: model.dateTime().nullable(),
    reprint_of: model.text().nullable(),
    /** the reprint that replaced this job (it is withdrawn and never sent again) */
    replaced_by: model.text().nullable(),
    /** who asked: "event" | "reconcile" | "admin" | "api" */
    requested_by: model.text().default("event"),
    /** a sender's claim: only the holder of claim_id sends, until lease_until */
    claim_id: model.text().nullable(),
    lease_until: model.dateTime().nullable(),
    /** a cancel (order canceled, job replaced, queue cleared) the holder of the claim honours */
    cancel_requested_at: model.dateTime().nullable(),
    cancel_reason: model.text().nullable(),
    /** the print carries the confirmation tag: the device's accept/reject decides this job */
    asks_decision: model.boolean().default(false),
    decision: model.enum(["accepted", "rejected"]).nullable(),
    decided_at: model.dateTime().nullable(),
    /** what came of a rejection (the order canceled, or why it could not be) */
    decision_note: model.text().nullable(),
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
    // what the reconciler asks every pass: jobs due again
    { on: ["status", "next_attempt_at"] },
  ])

export default PrintJob
