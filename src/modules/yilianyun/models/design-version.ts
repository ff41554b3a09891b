import { model } from "@medusajs/framework/utils"

/** One saved version of a design, never changed: what a job printed with, for faithful reprints. */
const DesignVersion = model
  .define("yly_design_version", {
    id: model.id({ prefix: "ylydsv" }).primaryKey(),
    design_id: model.text(),
    version: model.number(),
    name: model.text(),
    base: model.text(),
    blocks: model.json(),
  })
  .indexes([{ name: "IDX_yly_design_version_once", on: ["design_id", "version"], unique: true, where: "deleted_at IS NULL" }])

export default DesignVersion
