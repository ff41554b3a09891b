import { MedusaError } from "@medusajs/framework/utils"
import {
  TokenBudgetExhaustedError,
  TokenFetchBlockedError,
  TokenFetchFailedError,
  TokenWaitError,
} from "../../modules/yilianyun/token-store"
import { YilianyunError } from "../../yilianyun"

/**
 * What a failed print attempt means for the print, which decides whether it may be sent again:
 * - `wait`: nothing was sent and nothing can be yet (no token, spent budget, not configured):
 *   the print waits, without risk, until `until` (or the reconciler's next pass);
 * - `not_reached`: the request certainly never reached the cloud (connection refused, DNS,
 *   connect timeout), or the cloud answered with an error and so did not queue it: sent again;
 * - `unknown`: the request may have reached the cloud (timeout after writing, cut connection,
 *   5xx, an answer we could not read): sent again only with the same origin_id inside the
 *   cloud's dedupe window;
 * - `permanent`: the cloud refused it for a reason a retry cannot change.
 */
export type SendFailure =
  | { kind: "wait"; until: Date | null; reason: string; code: string }
  | { kind: "not_reached"; reason: string; code: string }
  | { kind: "unknown"; reason: string; code: string }
  | { kind: "permanent"; reason: string; code: string }

/**
 * The print's own request is the only cloud call that fails here: the token store turns every failure
 * on the way to a token into a TokenWaitError, so a YilianyunError is about the print itself.
 */
export function classifySendFailure(e: unknown): SendFailure {
  const reason = e instanceof Error ? e.message : String(e)
  if (e instanceof TokenWaitError) {
    // a block lifts when an admin resets the token or the options change: look again every pass
    return { kind: "wait", until: e instanceof TokenFetchBlockedError ? null : e.freesAt, reason, code: tokenWaitCode(e) }
  }
  if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED) {
    return { kind: "wait", until: null, reason, code: "not_configured" }
  }
  if (!(e instanceof YilianyunError)) return { kind: "unknown", reason, code: "error" }
  const code = String(e.code ?? e.kind)
  switch (e.outcome) {
    case "not_sent":
      return { kind: "not_reached", reason, code }
    case "refused":
      // The cloud answered with an error: it did not queue this print.
      return e.retryable ? { kind: "not_reached", reason, code } : { kind: "permanent", reason, code }
    default:
      return { kind: "unknown", reason, code }
  }
}

/** The job's error code while it waits for a token. */
function tokenWaitCode(e: TokenWaitError): string {
  if (e instanceof TokenBudgetExhaustedError) return "token_budget"
  if (e instanceof TokenFetchBlockedError) return `token_blocked_${e.reason}`
  // A fetch the cloud refused keeps the cloud's code (e.g. "41": its daily quota of fetches is spent).
  if (e instanceof TokenFetchFailedError) return e.code !== null ? String(e.code) : "token_fetch_failed"
  return "token_backoff"
}
