import { classifyRefusal, type RefusalMeaning } from "./classify"
import { describeYilianyunCode } from "./codes"
import { YILIANYUN_API_URL, YILIANYUN_API_URL_OVERSEAS } from "./endpoints"

export { describeYilianyunCode, isRetryableCode, isTokenInvalidCode } from "./codes"

/** Where a failure happened: before/while talking (network, timeout), HTTP status, cloud code, or unreadable/invalid data. */
export type YilianyunErrorKind = "network" | "timeout" | "http" | "api" | "protocol"

/**
 * Whether the request reached the cloud: `false` — certainly not (it was never sent, or the
 * connection was never made); `"unknown"` — it was sent and then the answer was lost; `true` —
 * the cloud (or its gateway) answered, refusing it.
 */
export type ReachedCloud = boolean | "unknown"

/** The three outcomes a print ledger must tell apart; see YilianyunError. */
export type YilianyunOutcome = "not_sent" | "unknown" | "refused"

export interface YilianyunErrorInit {
  kind: YilianyunErrorKind
  /** API path the request was for, e.g. "print/index"; "push" for push parsing. */
  path: string
  /** The cloud's error_description, or the network/protocol reason. Must already be scrubbed. */
  description: string
  code?: number | null
  /** How the cloud wrote `error` (api errors): "string" = v1-shaped, "number" = v2-shaped. */
  codeType?: "string" | "number" | null
  httpStatus?: number | null
  /** Default by kind: network/timeout "unknown", http 5xx "unknown" else true, api true, protocol false. */
  reachedCloud?: ReachedCloud
  retryable?: boolean
  /** Overrides the generated merchant-readable sentence. */
  message?: string
  cause?: unknown
}

/**
 * The one error type of the Yilianyun SDK.
 *
 * **What happened to the request** — the distinction a print ledger depends on:
 * - `outcome === "not_sent"` (`reachedCloud === false`): the request certainly never reached the
 *   cloud — connection refused, DNS failure, connect timeout, TLS failure, a closed client, or a
 *   local check that failed before sending. Nothing was queued: sending it again can never print
 *   twice, whenever it is sent.
 * - `outcome === "unknown"` (`reachedCloud === "unknown"`): the request was written and the answer
 *   was lost — response timeout, connection reset or closed mid-exchange, HTTP 5xx from a gateway,
 *   or a 2xx body that cannot be read. The cloud may have queued the print: resend only with the
 *   same origin_id and idempotence=1, inside the cloud's 2-hour dedupe window.
 * - `outcome === "refused"` (`reachedCloud === true`): the cloud answered with an error code (kind
 *   "api") or an HTTP 4xx. A refusal means the request was received and not carried out, so it is
 *   safe to resend with the same origin_id; `retryable` says whether that can succeed unchanged.
 *
 * **`retryable`**: resending the same request later may succeed. Network failures, timeouts,
 * HTTP 5xx/429 are retryable. A cloud code is retryable only when its cause is known to pass: the
 * v1 codes 9/45/49 (printer unreachable, system error, error) when the answer is v1-shaped or
 * carries that code's v1 text, or — for codes the v1 table does not explain (v2) — a description
 * that says so ("busy", "offline", "稍后重试"…). Any other refusal is treated as permanent and its
 * message quotes the cloud's own words (`description` = error_description).
 *
 * **`isTokenInvalid`**: the access token is wrong, expired or revoked — code 14/18 read with the
 * v1 meaning as above, or the cloud's description saying so in Chinese or English
 * ("access_token过期或错误", "access_token已失效", "invalid access token"…), whatever the code.
 */
export class YilianyunError extends Error {
  override readonly name = "YilianyunError"
  readonly kind: YilianyunErrorKind
  /** Cloud return code; null for network, timeout, HTTP and protocol failures. */
  readonly code: number | null
  /** How the cloud wrote `error`: "string" (v1), "number" (v2); null when there was no cloud code. */
  readonly codeType: "string" | "number" | null
  readonly description: string
  readonly httpStatus: number | null
  readonly reachedCloud: ReachedCloud
  readonly retryable: boolean
  readonly path: string
  /** For kind "api": whether the code was read with its v1 meaning, and what it says. */
  readonly refusal: RefusalMeaning | null

  constructor(init: YilianyunErrorInit) {
    const refusal =
      init.kind === "api" && init.code != null
        ? classifyRefusal({ code: init.code, description: init.description, codeType: init.codeType ?? null })
        : null
    super(init.message ?? sentenceFor(init, refusal))
    // Set by hand: the ES2021 lib has no Error(message, { cause }) overload.
    if (init.cause !== undefined) Object.defineProperty(this, "cause", { value: init.cause, configurable: true, writable: true })
    this.kind = init.kind
    this.code = init.code ?? null
    this.codeType = init.kind === "api" ? (init.codeType ?? null) : null
    this.description = init.description
    this.httpStatus = init.httpStatus ?? null
    this.path = init.path
    this.refusal = refusal
    this.reachedCloud = init.reachedCloud ?? defaultReachedCloud(init)
    this.retryable = init.retryable ?? defaultRetryable(init, refusal)
  }

  /** The access token is wrong, expired or revoked and must be replaced (see the class comment). */
  get isTokenInvalid(): boolean {
    return this.refusal?.tokenInvalid ?? false
  }

  /**
   * The code when it carries its v1-table meaning (v1-shaped answer, or the description is that
   * code's v1 text), else null. Compare with this, not `code`: `err.v1Code === 24` ("nothing to
   * cancel") holds on v1 and wherever v2 still answers the v1 way, and never on an unknown code.
   */
  get v1Code(): number | null {
    return this.refusal?.table === "v1" ? this.code : null
  }

  /** "not_sent" | "unknown" | "refused" — see the class comment. */
  get outcome(): YilianyunOutcome {
    return this.reachedCloud === false ? "not_sent" : this.reachedCloud === true ? "refused" : "unknown"
  }

  /** A log-safe plain object (no cause, no request data). */
  toJSON(): Record<string, unknown> {
    const { name, kind, code, codeType, description, httpStatus, reachedCloud, retryable, path, message } = this
    return { name, kind, code, codeType, description, httpStatus, reachedCloud, outcome: this.outcome, retryable, isTokenInvalid: this.isTokenInvalid, path, message }
  }
}

function defaultReachedCloud(init: YilianyunErrorInit): ReachedCloud {
  switch (init.kind) {
    case "network":
    case "timeout":
      return "unknown"
    case "http":
      return init.httpStatus != null && init.httpStatus >= 500 ? "unknown" : true
    case "api":
      return true
    case "protocol":
      return false
  }
}

function defaultRetryable(init: YilianyunErrorInit, refusal: RefusalMeaning | null): boolean {
  switch (init.kind) {
    case "network":
    case "timeout":
      return true
    case "http":
      return init.httpStatus != null && (init.httpStatus >= 500 || init.httpStatus === 429)
    case "api":
      return refusal?.transient ?? false
    case "protocol":
      return false
  }
}

function sentenceFor(init: YilianyunErrorInit, refusal: RefusalMeaning | null): string {
  const where = init.path ? ` (${init.path})` : ""
  switch (init.kind) {
    case "api": {
      if (refusal?.table === "v1") {
        return `${describeYilianyunCode(init.code ?? -1)} [Yilianyun error ${init.code}${where}: ${init.description}]`
      }
      // A code the v1 table does not explain: the cloud's own words carry the meaning.
      const advice = refusal?.tokenInvalid
        ? "the access token was refused; the plugin fetches a new one once — if this keeps happening, reset the token from the admin"
        : refusal?.transient
          ? "this looks temporary: the request is safe to send again later"
          : "correct what it names, then try again"
      return `Yilianyun refused the request${where}: "${init.description}" (error ${init.code}) — ${advice}.`
    }
    case "network":
      if (init.reachedCloud === false) {
        return `The Yilianyun cloud could not be reached${where}: ${init.description} — check the server's internet connection and DNS; nothing was sent, so the request is safe to retry.`
      }
      return `The connection to the Yilianyun cloud broke during the request${where}: ${init.description} — it may have arrived, so resend it only if repeating it is harmless (a print with the same origin_id and idempotence=1 is).`
    case "timeout":
      if (init.reachedCloud === false) {
        return `The Yilianyun cloud could not be reached in time${where}: ${init.description} — nothing was sent; check the network, the request is safe to retry.`
      }
      return `The Yilianyun cloud did not answer in time${where}: ${init.description} — it may have arrived, so resend it only if repeating it is harmless (a print with the same origin_id and idempotence=1 is); if this persists, check the network or raise the timeout.`
    case "http": {
      const status = init.httpStatus ?? 0
      if (status >= 500 || status === 429) {
        return `The Yilianyun cloud is temporarily failing (HTTP ${status}${where}) — the request is safe to retry.`
      }
      return `The Yilianyun cloud refused the request with HTTP ${status}${where} — check the apiUrl option (domestic ${YILIANYUN_API_URL} or overseas ${YILIANYUN_API_URL_OVERSEAS}).`
    }
    case "protocol":
      return `${init.description}${where}`
  }
}

/** The placeholder that replaces secrets in texts echoed by the cloud or the network stack. */
export const REDACTED = "[redacted]"

/**
 * Removes every occurrence of the given secret values from a text. Values shorter than 4
 * characters are skipped: replacing them would mangle the text without protecting anything.
 */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined | null>): string {
  let out = text
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue
    out = out.split(secret).join(REDACTED)
    // The cloud may echo form values still percent-encoded.
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join(REDACTED)
  }
  return out
}
