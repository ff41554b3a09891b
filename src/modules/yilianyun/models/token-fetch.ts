import { model } from "@medusajs/framework/utils"

/**
 * Every call that asked the cloud for a token, successful or not, so the rolling 24-hour budget
 * (20 a day per client) survives restarts and is shared by every process.
 */
const TokenFetch = model
  .define("yly_token_fetch", {
    id: model.id({ prefix: "ylytf" }).primaryKey(),
    client_id: model.text(),
    fetched_at: model.dateTime(),
    reason: model.text(),
    succeeded: model.boolean(),
    error_code: model.number().nullable(),
  })
  .indexes([{ on: ["client_id", "fetched_at"] }])

export default TokenFetch
