import { YilianyunError, scrubSecrets } from "./errors"
import { asNumber, isPlainObject, normaliseIds, parseJsonPreservingBigInts } from "./json"
import type { TransportResponse } from "./transport"
import type { YilianyunEnvelope } from "./types"

const SNIPPET_CHARS = 200

/**
 * Turns an HTTP answer into an envelope or a YilianyunError. Accepts v1 (`"error":"0"`) and
 * v2 (`"error":0`) shapes; ids become strings; `body` missing or "" becomes undefined.
 * `onTimestamp` receives the cloud's `timestamp` (seconds) from any readable answer, error
 * answers included, before the error is thrown.
 */
export function parseEnvelope<T>(
  path: string,
  res: TransportResponse,
  secrets: ReadonlyArray<string | undefined>,
  onTimestamp?: (serverSec: number) => void
): YilianyunEnvelope<T> {
  const snippet = () => scrubSecrets(res.text.slice(0, SNIPPET_CHARS), secrets)
  if (res.statusCode < 200 || res.statusCode > 299) {
    throw new YilianyunError({ kind: "http", path, httpStatus: res.statusCode, description: `HTTP ${res.statusCode}: ${snippet()}` })
  }

  let parsed: unknown
  try {
    parsed = parseJsonPreservingBigInts(res.text)
  } catch {
    throw unreadable(path, res.statusCode, `not JSON: ${snippet()}`)
  }
  if (!isPlainObject(parsed)) throw unreadable(path, res.statusCode, `JSON is not an object: ${snippet()}`)

  const timestamp = parseServerTimestamp(parsed.timestamp)
  if (timestamp !== undefined && onTimestamp) {
    try {
      onTimestamp(timestamp)
    } catch {
      // An observer's failure must not turn a cloud answer into a different error.
    }
  }
  const error = parseErrorCode(parsed.error)
  if (error === undefined) throw unreadable(path, res.statusCode, `no numeric "error" field: ${snippet()}`)

  const rawDescription = typeof parsed.error_description === "string" ? parsed.error_description : ""
  const body = parsed.body === undefined || parsed.body === "" ? undefined : normaliseIds(parsed.body)
  if (error !== 0) {
    // Codes 47 and 49 put their details in the body.
    const detail = body === undefined ? "" : ` ${JSON.stringify(body).slice(0, SNIPPET_CHARS)}`
    throw new YilianyunError({
      kind: "api",
      path,
      code: error,
      codeType: typeof parsed.error === "string" ? "string" : "number",
      httpStatus: res.statusCode,
      description: scrubSecrets(`${rawDescription}${detail}`.trim() || `error ${error}`, secrets),
    })
  }

  return {
    error,
    errorDescription: scrubSecrets(rawDescription, secrets),
    timestamp,
    body: body as T,
  }
}

/**
 * The answer's `timestamp` in Unix seconds, read leniently: a number or numeric string; a
 * millisecond value (13 digits) is scaled down; anything else (absent in v1) is undefined.
 */
export function parseServerTimestamp(value: unknown): number | undefined {
  const number = asNumber(value)
  if (number === undefined || number <= 0) return undefined
  return number >= 1e11 ? Math.floor(number / 1000) : Math.floor(number)
}

/** `error` as int (v2) or numeric string (v1); undefined when absent or not an integer. */
export function parseErrorCode(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10)
  return undefined
}

function unreadable(path: string, httpStatus: number, description: string): YilianyunError {
  return new YilianyunError({
    kind: "protocol",
    path,
    httpStatus,
    description,
    // A 2xx whose body cannot be read: the cloud may have carried the request out.
    reachedCloud: "unknown",
    message: `Yilianyun answered ${path} with a response this plugin cannot read — check the apiUrl option and any proxy in between; report it if it repeats.`,
  })
}
