import { LoaderOptions } from "@medusajs/framework/types"
import { parseYilianyunOptions } from "../options"

/**
 * Validates the plugin options when the store starts, with one readable error. Without
 * credentials the store still boots (migrations, admin) and printing waits: warn once.
 */
export default async function validateOptionsLoader({ options, logger }: LoaderOptions) {
  const parsed = parseYilianyunOptions(options)
  if (!parsed.configured) {
    logger?.warn(
      "medusa-plugin-yilianyun: clientId / clientSecret are not set — the store runs, but nothing " +
        "prints until they are configured (YILIANYUN_CLIENT_ID / YILIANYUN_CLIENT_SECRET in the demo store)."
    )
  }
}
