import { describeYilianyunCode, isRetryableCode, isTokenInvalidCode } from "./codes"
import { YILIANYUN_API_URL, YILIANYUN_API_URL_OVERSEAS } from "./endpoints"

export { describeYilianyunCode, isRetryableCode, isTokenInvalidCode } from "./codes"

/** Where a failure happened: before/while talking (network, timeout), HTTP status, cloud code, or unreadable/invalid data. */
export type YilianyunErrorKind = "network" | "timeout" | "http" | "api" | "protocol"

export interface YilianyunErrorInit {
  kind: YilianyunErrorKind
  /** API path the request was for, e.g. "print/index"; "push" for push parsing. */
  path: string
  /** The cloud's error_description, or the network/protocol reason. Must already be scrubbed. */
  description: string
  code?: number | null
  httpStatus?: number | null
  retryable?: boolean
  /** Overrides the generated merchant-readable sentence. */
  message?: string
  cause?: unknown
}

/**
 * The one error type of the Yilianyun SDK. `retryable` says whether resending the same request
 * (same origin_id) may succeed; the caller owns the retry policy.
 */
export class YilianyunError extends Error {
  override readonly name = "YilianyunError"
  readonly kind: YilianyunErrorKind
  /** Cloud return code; null for network, timeout, HTTP and protocol failures. */
  readonly code: number | null
  readonly description: string
  readonly httpStatus: number | null
  readonly retryable: boolean
  readonly path: string

  constructor(init: YilianyunErrorInit) {
    super(init.message ?? sentenceFor(init))
    // Set by hand: the ES2021 lib has no Error(message, { cause }) overload.
    if (init.cause !== undefined) Object.defineProperty(this, "cause", { value: init.cause, configurable: true, writable: true })
    this.kind = init.kind
    this.code = init.code ?? null
    this.description = init.description
    this.httpStatus = init.httpStatus ?? null
    this.path = init.path
    this.retryable = init.retryable ?? defaultRetryable(init)
  }

  /** True for codes 14/18: the access token is wrong or expired and must be replaced. */
  get isTokenInvalid(): boolean {
    return this.code !== null && isTokenInvalidCode(this.code)
  }

  /** A log-safe plain object (no cause, no request data). */
  toJSON(): Record<string, unknown> {
    const { name, kind, code, description, httpStatus, retryable, path, message } = this
    return { name, kind, code, description, httpStatus, retryable, path, message }
  }
}

function defaultRetryable(init: YilianyunErrorInit): boolean {
  switch (init.kind) {
    case "network":
    case "timeout":
      return true
    case "http":
      return init.httpStatus != null && (init.httpStatus >= 500 || init.httpStatus === 429)
    case "api":
      return init.code != null && isRetryableCode(init.code)
    case "protocol":
      return false
  }
}

function sentenceFor(init: YilianyunErrorInit): string {
  const where = init.path ? ` (${init.path})` : ""
  switch (init.kind) {
    case "api":
      return `${describeYilianyunCode(init.code ?? -1)} [Yilianyun error ${init.code}${where}: ${init.description}]`
    case "network":
      return `The Yilianyun cloud could not be reached${where}: ${init.description} — check the server's internet connection and DNS; the request is safe to retry.`
    case "timeout":
      return `The Yilianyun cloud did not answer in time${where}: ${init.description} — the request is safe to retry; if this persists, check the network or raise the timeout.`
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
