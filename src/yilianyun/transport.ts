import type { Pool } from "undici"
import { YILIANYUN_API_URL, YILIANYUN_API_URL_OVERSEAS } from "./endpoints"
import { YilianyunError, scrubSecrets } from "./errors"

export interface TransportOptions {
  /** Time allowed to open a TCP/TLS connection. Default 5000 ms. */
  connectTimeoutMs?: number
  /** Time allowed for the response headers, and then between body chunks. Default 15000 ms. */
  requestTimeoutMs?: number
  /** Maximum open connections to the origin. Default 32. */
  connections?: number
  /** How long an idle keep-alive connection is kept. Default 30000 ms. */
  keepAliveTimeoutMs?: number
  /** Largest response accepted; protects memory from a runaway body. Default 16 MiB. */
  maxResponseBytes?: number
}

export interface TransportResponse {
  statusCode: number
  text: string
}

type ResponseBody = AsyncIterable<Buffer> & {
  text(): Promise<string>
  destroy(err?: Error): unknown
  on(event: "error", listener: (err: Error) => void): unknown
}

const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded;charset=utf-8"
const USER_AGENT = "medusa-plugin-yilianyun"
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"])
const CLOSED_CODES = new Set(["UND_ERR_CLOSED", "UND_ERR_DESTROYED"])
/**
 * Failures that happen before a single byte of the request can reach the cloud: name
 * resolution, the TCP connect, and the TLS handshake (the HTTP request is written only after it).
 * ETIMEDOUT is the OS's connect timeout. Anything else (reset, "other side closed", response
 * timeouts) may come after the request was written, so its outcome is unknown.
 */
const NEVER_SENT_CODES = new Set([
  "ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME",
  "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN", "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT",
  "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "ERR_TLS_CERT_ALTNAME_INVALID", "ERR_SSL_WRONG_VERSION_NUMBER",
])

/**
 * Form POSTs to one Yilianyun base URL over a keep-alive undici Pool.
 * Maps every failure to a YilianyunError; never retries (the caller owns retry policy).
 */
export class YilianyunTransport {
  readonly origin: string
  /** Path prefix of the API, e.g. "/v2" (no trailing slash), or "" for the v1 layout. */
  readonly basePath: string
  private readonly pool: Pool
  private readonly requestTimeoutMs: number
  private readonly connectTimeoutMs: number
  private readonly maxResponseBytes: number

  constructor(apiUrl: string, options: TransportOptions = {}) {
    const url = parseApiUrl(apiUrl)
    this.origin = url.origin
    this.basePath = url.pathname.replace(/\/+$/, "")
    this.connectTimeoutMs = positive(options.connectTimeoutMs, 5_000)
    this.requestTimeoutMs = positive(options.requestTimeoutMs, 15_000)
    this.maxResponseBytes = positive(options.maxResponseBytes, 16 * 1024 * 1024)
    // undici (≈ 2 MB of heap, ~100 modules) is loaded with the first client, not when the store
    // starts: the module service makes its client on the first call to the cloud.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { Pool: UndiciPool } = require("undici") as typeof import("undici")
    this.pool = new UndiciPool(this.origin, {
      connections: positive(options.connections, 32),
      keepAliveTimeout: positive(options.keepAliveTimeoutMs, 30_000),
      connectTimeout: this.connectTimeoutMs,
      headersTimeout: this.requestTimeoutMs,
      bodyTimeout: this.requestTimeoutMs,
    })
  }

  /**
   * POSTs an already-encoded form body to `path` (relative to the API base).
   * `secrets` are scrubbed from any text that ends up in an error.
   */
  async postForm(path: string, form: string, secrets: ReadonlyArray<string | undefined>): Promise<TransportResponse> {
    const apiPath = `${this.basePath}/${path.replace(/^\/+/, "")}`
    try {
      const res = await this.pool.request({
        path: apiPath,
        method: "POST",
        headers: { "content-type": FORM_CONTENT_TYPE, accept: "application/json", "user-agent": USER_AGENT },
        body: form,
      })
      const text = await this.readBody(res.body, res.headers["content-length"], path)
      return { statusCode: res.statusCode, text }
    } catch (err) {
      if (err instanceof YilianyunError) throw err
      throw this.toYilianyunError(err, path, secrets)
    }
  }

  /** Closes idle connections and waits for in-flight requests to finish. */
  async close(): Promise<void> {
    if (!this.pool.closed) await this.pool.close()
  }

  private async readBody(body: ResponseBody, contentLength: string | string[] | undefined, path: string): Promise<string> {
    const declared = typeof contentLength === "string" ? Number(contentLength) : Number.NaN
    // A declared, acceptable length takes undici's fast path; otherwise count while reading.
    if (Number.isFinite(declared) && declared <= this.maxResponseBytes) return body.text()
    const chunks: Buffer[] = []
    let size = 0
    if (declared > this.maxResponseBytes) size = declared
    else {
      for await (const chunk of body) {
        size += chunk.length
        if (size > this.maxResponseBytes) break
        chunks.push(chunk)
      }
    }
    if (size > this.maxResponseBytes) {
      // Destroying emits an abort error on the stream; nobody else listens to it any more.
      body.on("error", () => undefined)
      body.destroy()
      throw new YilianyunError({
        kind: "protocol",
        path,
        reachedCloud: "unknown",
        description: `the response exceeded ${this.maxResponseBytes} bytes`,
        message: `Yilianyun sent a response larger than ${this.maxResponseBytes} bytes; it was discarded — report this if it repeats.`,
      })
    }
    return Buffer.concat(chunks, size).toString("utf8")
  }

  private toYilianyunError(err: unknown, path: string, secrets: ReadonlyArray<string | undefined>): YilianyunError {
    const codeText = errorCode(err)
    const rawReason = err instanceof Error && err.message ? err.message : String(err)
    const reason = scrubSecrets(codeText && !rawReason.includes(codeText) ? `${codeText}: ${rawReason}` : rawReason, secrets)
    if (TIMEOUT_CODES.has(codeText)) {
      const limit = codeText === "UND_ERR_CONNECT_TIMEOUT" ? this.connectTimeoutMs : this.requestTimeoutMs
      return new YilianyunError({
        kind: "timeout",
        path,
        description: `${reason} (limit ${limit} ms)`,
        reachedCloud: NEVER_SENT_CODES.has(codeText) ? false : "unknown",
        cause: err,
      })
    }
    if (CLOSED_CODES.has(codeText)) {
      return new YilianyunError({
        kind: "network",
        path,
        description: reason,
        reachedCloud: false,
        retryable: false,
        message: `The Yilianyun client was already closed when ${path} was called — create a new client.`,
        cause: err,
      })
    }
    return new YilianyunError({
      kind: "network",
      path,
      description: reason,
      reachedCloud: NEVER_SENT_CODES.has(codeText) || /^ERR_TLS_|^ERR_SSL_|CERT/.test(codeText) ? false : "unknown",
      cause: err,
    })
  }
}

/** The system or undici error code, also when it sits on a cause (or an AggregateError of attempts). */
function errorCode(err: unknown): string {
  const seen = new Set<unknown>()
  let current: unknown = err
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current)
    const code = (current as { code?: unknown }).code
    if (typeof code === "string" && code !== "") return code
    const inner = (current as { errors?: unknown[] }).errors
    if (Array.isArray(inner) && inner.length > 0) {
      const first = errorCode(inner[0])
      if (first) return first
    }
    current = (current as { cause?: unknown }).cause
  }
  return ""
}

function parseApiUrl(apiUrl: string): URL {
  let url: URL
  try {
    url = new URL(apiUrl)
  } catch {
    throw invalidApiUrl(apiUrl)
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalidApiUrl(apiUrl)
  if (url.search || url.hash) throw invalidApiUrl(apiUrl)
  return url
}

function invalidApiUrl(apiUrl: string): YilianyunError {
  return new YilianyunError({
    kind: "protocol",
    path: "",
    description: `invalid apiUrl ${JSON.stringify(apiUrl)}`,
    message: `The apiUrl option ${JSON.stringify(apiUrl)} is not an http(s) URL without query — use ${YILIANYUN_API_URL} (or the overseas ${YILIANYUN_API_URL_OVERSEAS}).`,
  })
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback
}
