import { YilianyunError, scrubSecrets } from "./errors"
import { asNumber, isPlainObject, normaliseIds, parseJsonPreservingBigInts } from "./json"
import type { TransportResponse } from "./transport"
import type { YilianyunEnvelope } from "./types"

const SNIPPET_CHARS = 200

/**
 * Turns an HTTP answer into an envelope or a YilianyunError. Accepts v1 (`"error":"0"`) and
 * v2 (`"error":0`) shapes; ids become strings; `body` missing or "" becomes undefined.
 */
export function parseEnvelope<T>(path: string, res: TransportResponse, secrets: ReadonlyArray<string | undefined>): YilianyunEnvelope<T> {
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
      httpStatus: res.statusCode,
      description: scrubSecrets(`${rawDescription}${detail}`.trim() || `error ${error}`, secrets),
    })
  }

  return {
    error,
    errorDescription: scrubSecrets(rawDescription, secrets),
    timestamp: asNumber(parsed.timestamp),
    body: body as T,
  }
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
    message: `Yilianyun answered ${path} with a response this plugin cannot read — check the apiUrl option and any proxy in between; report it if it repeats.`,
  })
}
