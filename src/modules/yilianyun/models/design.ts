import { model } from "@medusajs/framework/utils"

/**
 * A receipt design: a named, ordered list of blocks over a built-in template (receipt, kitchen,
 * packing, cancel). `version` counts saves that changed what prints; each version's blocks are kept
 * in yly_design_version, so a reprint prints what the original printed. A design that jobs printed
 * with is archived (archived_at), never deleted.
 */
const Design = model
  .define("yly_design", {
    id: model.id({ prefix: "ylydsg" }).primaryKey(),
    name: model.text(),
    base: model.text(),
    /** the normalized blocks of the current version */
    blocks: model.json(),
    version: model.number().default(1),
    archived_at: model.dateTime().nullable(),
  })
  .indexes([{ name: "IDX_yly_design_name_active", on: ["name"], unique: true, where: "archived_at IS NULL AND deleted_at IS NULL" }])

export default Design
