import { model } from "@medusajs/framework/utils"

/**
 * Every call that asked the cloud for a token, successful or not, so the rolling 24-hour budget
 * (20 a day per client), the store-wide backoff after failures and a block on wrong credentials
 * survive restarts and are shared by every process.
 */
const TokenFetch = model
  .define("yly_token_fetch", {
    id: model.id({ prefix: "ylytf" }).primaryKey(),
    client_id: model.text(),
    fetched_at: model.dateTime(),
    reason: model.text(),
    succeeded: model.boolean(),
    error_code: model.number().nullable(),
    /** counts against the 24-hour budget: it issued a token, or may have (outcome unknown), or the cloud said the quota is spent */
    counted: model.boolean().default(true),
    /** the failure says the credentials ("secret") or the clock ("clock") are wrong: no fetch until that changes */
    blocking: model.text().nullable(),
    /** which options it was made with (a keyed hash, never the secret): a change lifts a block */
    options_fingerprint: model.text().nullable(),
    error: model.text().nullable(),
  })
  .indexes([{ on: ["client_id", "fetched_at"] }])

export default TokenFetch
