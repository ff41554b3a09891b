import { model } from "@medusajs/framework/utils"

/**
 * The shared self-owned-app access token, one row per client_id. It never expires; a new fetch
 * revokes it, so it is fetched once and shared by every process (design §2). The secret is
 * never stored.
 */
const Credential = model.define("yly_credential", {
  id: model.id({ prefix: "ylycred" }).primaryKey(),
  client_id: model.text().unique(),
  access_token: model.text(),
  refresh_token: model.text().nullable(),
  obtained_at: model.dateTime(),
  /** the push URL last registered with oauth/setpushurl, so it is registered again only on change */
  push_url: model.text().nullable(),
  /** the API (domestic, overseas, a simulator) it was registered with: another API needs it again */
  push_url_api: model.text().nullable(),
  push_url_registered_at: model.dateTime().nullable(),
  /** per push command: { [cmd]: { at, error? } } — a refused one is not retried until forced */
  push_url_commands: model.json().nullable(),
  /** the cloud's clock minus ours, measured from the API's response timestamps (pushes are judged by it) */
  clock_offset_ms: model.number().nullable(),
  clock_offset_at: model.dateTime().nullable(),
})

export default Credential
