import { MedusaError } from "@medusajs/framework/utils"
import { TokenBudgetExhaustedError, TokenFetchBlockedError, TokenWaitError } from "../../modules/yilianyun/token-store"
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

const PRINT_PATHS = new Set(["print/index", "pictureprint/index"])

export function classifySendFailure(e: unknown): SendFailure {
  const reason = e instanceof Error ? e.message : String(e)
  if (e instanceof TokenWaitError) {
    const code =
      e instanceof TokenBudgetExhaustedError
        ? "token_budget"
        : e instanceof TokenFetchBlockedError
          ? `token_blocked_${e.reason}`
          : "token_backoff"
    // a block lifts when an admin resets the token or the options change: look again every pass
    return { kind: "wait", until: e instanceof TokenFetchBlockedError ? null : e.freesAt, reason, code }
  }
  if (e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED) {
    return { kind: "wait", until: null, reason, code: "not_configured" }
  }
  if (!(e instanceof YilianyunError)) return { kind: "unknown", reason, code: "error" }
  const code = String(e.code ?? e.kind)
  // A failure on the way to a token (oauth/oauth) happened before the print was sent at all.
  if (!PRINT_PATHS.has(e.path)) {
    return e.outcome === "refused" ? { kind: "wait", until: null, reason, code } : { kind: "not_reached", reason, code }
  }
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
