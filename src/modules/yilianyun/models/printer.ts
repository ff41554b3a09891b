import { model } from "@medusajs/framework/utils"
import PrintJob from "./print-job"

/**
 * A printer bound to the app with printer/addprinter. `msign` is sent to the cloud once at
 * authorization and never stored.
 */
const Printer = model.define("yly_printer", {
  id: model.id({ prefix: "ylyprn" }).primaryKey(),
  machine_code: model.text().unique(),
  name: model.text(),
  model: model.text().default("K4"),
  /** firmware read with printer/getversion (decides <VN>, <audio>); null until read */
  firmware: model.text().nullable(),
  paper_width: model.number().default(58),
  /** explicit column count when the paper is neither 58 nor 80 mm (K5 wide mode) */
  columns: model.number().nullable(),
  mode: model.enum(["auto", "confirm"]).default("auto"),
  copies: model.number().default(1),
  /** trigger → template names, e.g. { "order.placed": ["receipt"], "shipment.created": ["packing"] } */
  templates: model.json(),
  enabled: model.boolean().default(true),
  sales_channel_id: model.text().nullable(),
  stock_location_id: model.text().nullable(),
  /** print only lines whose product has one of these types / categories (kitchen vs bar) */
  product_type_ids: model.json().nullable(),
  category_ids: model.json().nullable(),
  /** shop name, header/footer lines, QR URL, language, sound */
  receipt_settings: model.json().nullable(),
  status: model.enum(["unknown", "online", "offline", "paper_out"]).default("unknown"),
  status_at: model.dateTime().nullable(),
  /** push_time (cloud clock, seconds) of the last status push applied: an older one is not */
  status_push_time: model.number().nullable(),
  bound_at: model.dateTime(),
  jobs: model.hasMany(() => PrintJob, { mappedBy: "printer" }),
})

export default Printer
