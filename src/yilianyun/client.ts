import { randomUUID } from "node:crypto"
import { OauthApi } from "./api/oauth"
import { YilianyunTokenApi } from "./api/token-api"
import { YILIANYUN_API_URL } from "./endpoints"
import { parseEnvelope } from "./envelope"
import { YilianyunError } from "./errors"
import { apiSign } from "./sign"
import { YilianyunTransport } from "./transport"
import type { BoundCall, CallOptions, Params, ServerTimeSample, YilianyunClientOptions, YilianyunEnvelope } from "./types"
import { type ApiVersion, apiVersionOf } from "./version"

export { YILIANYUN_API_URL, YILIANYUN_API_URL_ALTERNATIVE, YILIANYUN_API_URL_OVERSEAS } from "./endpoints"

/** Parameters the client itself sets; a caller passing them would break the signature. */
const COMMON_PARAMS = new Set(["client_id", "timestamp", "sign", "id", "access_token"])
/** Parameter values that are credentials and must never appear in an error text. */
const SECRET_PARAMS = ["msign", "refresh_token", "qr_key", "code"]

/**
 * Signed form POSTs to the Yilianyun Open API. No automatic retries: errors carry `retryable`
 * and the caller (a workflow) decides, resending with the same origin_id.
 */
export class YilianyunClient {
  readonly clientId: string
  readonly apiUrl: string
  /** The API generation of apiUrl (from the URL unless given): decides v1/v2 readings of answers. */
  readonly apiVersion: ApiVersion
  /** Token acquisition and push-URL registration. */
  readonly oauth: OauthApi
  readonly #clientSecret: string
  readonly #transport: YilianyunTransport
  readonly #now: () => number
  readonly #onServerTime: YilianyunClientOptions["onServerTime"]
  #lastServerTime: ServerTimeSample | undefined

  constructor(options: YilianyunClientOptions) {
    if (typeof options?.clientId !== "string" || options.clientId.trim() === "") throw missingOption("clientId")
    if (typeof options.clientSecret !== "string" || options.clientSecret.trim() === "") throw missingOption("clientSecret")
    this.clientId = options.clientId
    this.#clientSecret = options.clientSecret
    this.apiUrl = (options.apiUrl ?? YILIANYUN_API_URL).replace(/\/+$/, "")
    this.#now = options.now ?? Date.now
    this.#onServerTime = options.onServerTime
    this.apiVersion = options.apiVersion === "v1" || options.apiVersion === "v2" ? options.apiVersion : apiVersionOf(this.apiUrl)
    this.#transport = new YilianyunTransport(this.apiUrl, options)
    this.oauth = new OauthApi(this)
  }

  /** Calls `path` and returns its body (undefined when empty); throws YilianyunError unless error is 0. */
  async call<T = unknown>(path: string, params: Params = {}, options: CallOptions = {}): Promise<T> {
    return (await this.callEnvelope<T>(path, params, options)).body
  }

  /** Like call(), but returns the whole envelope (error, description, cloud timestamp, body). */
  async callEnvelope<T = unknown>(path: string, params: Params = {}, options: CallOptions = {}): Promise<YilianyunEnvelope<T>> {
    const apiPath = path.replace(/^\/+/, "")
    const timestamp = Math.floor(this.#now() / 1000)
    const sign = apiSign(this.clientId, timestamp, this.#clientSecret)
    const form = new URLSearchParams()
    form.append("client_id", this.clientId)
    form.append("timestamp", String(timestamp))
    form.append("sign", sign)
    form.append("id", randomUUID())
    if (options.accessToken !== undefined) form.append("access_token", options.accessToken)
    for (const key of Object.keys(params)) {
      const value = params[key]
      if (value === undefined || value === null) continue
      if (COMMON_PARAMS.has(key)) {
        throw new YilianyunError({
          kind: "protocol",
          path: apiPath,
          description: `parameter ${key} is set by the client`,
          message: `The parameter ${key} is set by the Yilianyun client itself and cannot be passed to ${apiPath}.`,
        })
      }
      form.append(key, String(value))
    }

    const secrets = [this.#clientSecret, sign, options.accessToken, ...SECRET_PARAMS.map((k) => stringParam(params[k]))]
    const sentAt = Date.now()
    const res = await this.#transport.postForm(apiPath, form.toString(), secrets)
    const receivedAt = Date.now()
    return parseEnvelope<T>(apiPath, res, secrets, (serverSec) => this.#sawServerTime(serverSec, sentAt, receivedAt))
  }

  /** The cloud's clock from the last answer that carried a `timestamp` (undefined before any). */
  get lastServerTime(): ServerTimeSample | undefined {
    return this.#lastServerTime ? { ...this.#lastServerTime } : undefined
  }

  #sawServerTime(serverSec: number, sentAt: number, receivedAt: number): void {
    const sample = { serverSec, localMs: Math.round((sentAt + receivedAt) / 2), roundTripMs: receivedAt - sentAt }
    this.#lastServerTime = sample
    this.#onServerTime?.(sample.serverSec, sample.localMs, sample.roundTripMs)
  }

  /** The API areas bound to one access token: printer, print, picture, express, voice, menu, pushUrl. */
  withToken(accessToken: string): YilianyunTokenApi {
    if (typeof accessToken !== "string" || accessToken.trim() === "") {
      throw new YilianyunError({
        kind: "protocol",
        path: "",
        description: "empty access token",
        message: "No Yilianyun access token is available yet — fetch one first (self-owned apps: oauth.getToken).",
      })
    }
    const bound: BoundCall = (path, params) => this.call(path, params, { accessToken })
    return new YilianyunTokenApi(bound, this.apiVersion)
  }

  /** Closes the connection pool; calls after this fail with a non-retryable error. */
  close(): Promise<void> {
    return this.#transport.close()
  }
}

function stringParam(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined
}

function missingOption(name: string): YilianyunError {
  return new YilianyunError({
    kind: "protocol",
    path: "",
    description: `missing ${name}`,
    message: `The Yilianyun ${name} option is missing — copy it from your app on https://dev.10ss.net.`,
  })
}
