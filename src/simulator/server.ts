import http, { type IncomingMessage, type ServerResponse } from "node:http"
import { oauthEndpoints } from "./api-oauth"
import { printEndpoints } from "./api-print"
import { printerEndpoints } from "./api-printer"
import { CLOUD_CODES, CloudError, describeCode, v2StyleError } from "./codes"
import { handleControl } from "./control-routes"
import { BodyTooLargeError, readBody, sendText } from "./http-in"
import { TIMESTAMP_TOLERANCE_SEC } from "./defaults"
import type { Endpoint, EndpointTable } from "./endpoint"
import { normalizeApiPath } from "./faults"
import { toJsonText } from "./json-text"
import { apiSign, hexEqualsIgnoreCase } from "./signing"
import type { SimulatorState } from "./state"
import type { ApiVersion } from "./types"

const ENDPOINTS: EndpointTable = { ...oauthEndpoints, ...printerEndpoints, ...printEndpoints }
/** Every API path the simulator serves (without the optional /v2 prefix). */
export const API_PATHS: readonly string[] = Object.keys(ENDPOINTS)

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createSimulatorServer(state: SimulatorState): http.Server {
  return http.createServer((request, response) => {
    route(state, request, response).catch((error: unknown) => {
      state.config.logger.warn(`simulator failed on ${request.method} ${request.url}: ${(error as Error).message}`)
      if (!response.headersSent) sendText(response, 500, "application/json", JSON.stringify({ error: "simulator error" }))
      else response.destroy()
    })
  })
}

async function route(state: SimulatorState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://simulator").pathname
  if (path === "/_sim" || path.startsWith("/_sim/")) return handleControl(state, request, response, path)
  const version: ApiVersion = /^\/+v2(\/|$)/.test(path) ? "v2" : "v1"
  return handleApi(state, request, response, normalizeApiPath(path), version)
}

async function handleApi(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  version: ApiVersion
) {
  const endpoint = ENDPOINTS[path]
  const answer = (code: number, options: EnvelopeOptions = {}) => sendEnvelope(state, response, code, options)
  if (!endpoint) return answer(CLOUD_CODES.ILLEGAL_PARAMETER, { status: 404, detail: `接口不存在: ${path}` })
  if (request.method !== "POST") {
    response.setHeader("allow", "POST")
    return answer(CLOUD_CODES.ILLEGAL_PARAMETER, { status: 405, detail: "请使用POST请求" })
  }
  let rawBody: string
  try {
    rawBody = await readBody(request)
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error
    response.setHeader("connection", "close")
    return answer(CLOUD_CODES.PARAMETER_ERROR, { status: 413, detail: "请求体过大" })
  }

  const fault = state.faults.take(path)
  if (fault.latencyMs > 0) await state.resources.sleep(fault.latencyMs)
  if (fault.action.kind === "hang") return holdWithoutAnswer(state, request, response)
  if (fault.action.kind === "http5xx") return sendText(response, fault.action.status, "text/html", gatewayPage(fault.action.status))
  if (fault.action.kind === "error") {
    const { code, description } = fault.action
    return answer(code, description ? { description } : { detail: "simulated fault" })
  }

  try {
    const params = checkRequest(state, endpoint, request.headers["content-type"], rawBody)
    const lateMs = state.faults.takeLate(path, params.machine_code)
    if (lateMs !== undefined) return landLate(state, request, response, path, lateMs, () => endpoint.handle({ params, state, version }))
    const result = await endpoint.handle({ params, state, version })
    state.config.logger.debug?.(`POST /${path} → 0`)
    answer(CLOUD_CODES.SUCCESS, { body: result.body })
  } catch (error) {
    if (!(error instanceof CloudError)) throw error
    state.config.logger.debug?.(`POST /${path} → ${error.code}`)
    answer(error.code, { detail: error.detail })
  }
}

/**
 * A call that lands late: no answer now (the client times out), and the work is done `delayMs`
 * later, as if the request had been stuck between the client and the cloud. A client that takes
 * "timed out" for "never arrived" and resends without idempotence prints twice.
 */
function landLate(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  delayMs: number,
  work: () => unknown
): void {
  holdWithoutAnswer(state, request, response)
  state.resources.setTimer(() => {
    Promise.resolve()
      .then(work)
      .then(
        () => state.config.logger.debug?.(`late POST /${path} carried out after ${delayMs} ms`),
        (error: Error) => state.config.logger.debug?.(`late POST /${path} refused after ${delayMs} ms: ${error.message}`)
      )
  }, delayMs)
}

/**
 * The cloud's checks, in this order: form encoding (12), client_id (12/2), timestamp (12, and 34
 * when not 10 digits or more than 10 minutes off the real clock), sign (12/11), id (12/33),
 * the endpoint's parameters (12), then access_token (12, 14 malformed, 18 revoked/unknown).
 */
export function checkRequest(
  state: SimulatorState,
  endpoint: Endpoint,
  contentType: string | undefined,
  rawBody: string
): Record<string, string> {
  const { clientId, clientSecret } = state.config
  // A JSON or multipart body reaches the cloud as "no parameters at all".
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? "")) {
    throw new CloudError(CLOUD_CODES.MISSING_PARAMETER, "请求体须为application/x-www-form-urlencoded")
  }
  const params = parseForm(rawBody)
  const need = (name: string): string => {
    const value = params[name]
    if (value === undefined || value === "") throw new CloudError(CLOUD_CODES.MISSING_PARAMETER, name)
    return value
  }

  if (need("client_id") !== clientId) throw new CloudError(CLOUD_CODES.CLIENT_ID_UNKNOWN)
  const timestamp = need("timestamp")
  if (!/^\d{10}$/.test(timestamp)) throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, "timestamp须为10位秒级时间戳")
  if (Math.abs(state.cloudNowSec() - Number(timestamp)) > TIMESTAMP_TOLERANCE_SEC) {
    throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, "timestamp与服务器时间相差超过10分钟")
  }
  if (!hexEqualsIgnoreCase(need("sign"), apiSign(clientId, timestamp, clientSecret))) {
    throw new CloudError(CLOUD_CODES.SIGN_FAILED)
  }
  if (!UUID_SHAPE.test(need("id"))) throw new CloudError(CLOUD_CODES.UUID_INVALID)
  endpoint.required.forEach(need)
  if (endpoint.auth === "token") {
    const verdict = state.tokens.check(need("access_token"))
    if (verdict === "malformed") throw new CloudError(CLOUD_CODES.ACCESS_TOKEN_MALFORMED)
    if (verdict === "invalid") throw new CloudError(CLOUD_CODES.ACCESS_TOKEN_INVALID)
  }
  return params
}

/** Decoded form fields; a repeated name keeps its first value. */
export function parseForm(rawBody: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null)
  for (const [name, value] of new URLSearchParams(rawBody)) if (!(name in params)) params[name] = value
  return params
}

export interface EnvelopeOptions {
  status?: number
  body?: unknown
  /** Words appended to the code's standard description (which parameter, why). */
  detail?: string
  /** Replaces the description entirely (an injected fault's own text). */
  description?: string
}

/**
 * The cloud's answer, shaped by the behavior switches: v1-table or v2-style codes and texts,
 * `error` as a number or a string, and `timestamp` from the cloud's (possibly skewed) clock.
 */
export function sendEnvelope(state: SimulatorState, response: ServerResponse, code: number, options: EnvelopeOptions = {}): void {
  const behavior = state.behavior.value
  let answered = code
  let description = options.description ?? describeCode(code)
  if (behavior.errorCodes === "v2" && code < V2_CODE_LIMIT) {
    const v2 = v2StyleError(code)
    answered = v2.code
    if (options.description === undefined) description = v2.description
  }
  if (options.detail) description = `${description}: ${options.detail}`
  const error = behavior.errorType === "string" ? String(answered) : answered
  const envelope = { error, error_description: description, timestamp: state.cloudNowSec(), body: options.body }
  sendText(response, options.status ?? 200, "application/json; charset=utf-8", toJsonText(envelope))
}

/** Codes below this are v1-table codes, mapped under errorCodes "v2"; larger injected codes go out as given. */
const V2_CODE_LIMIT = 100

/** A "timeout": the socket stays open with no answer until the client gives up (or the cap). */
function holdWithoutAnswer(state: SimulatorState, request: IncomingMessage, response: ServerResponse): void {
  let timer: NodeJS.Timeout | undefined
  let untrack: () => void = () => undefined
  const release = (): void => {
    state.resources.clearTimer(timer)
    untrack()
  }
  const drop = (): void => {
    release()
    response.socket?.destroy()
  }
  response.on("close", release)
  request.socket.setTimeout(0)
  timer = state.resources.setTimer(drop, state.config.hangCapMs)
  untrack = state.resources.track({ cancel: drop })
}

function gatewayPage(status: number): string {
  const title = `${status} ${http.STATUS_CODES[status] ?? "Server Error"}`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}
