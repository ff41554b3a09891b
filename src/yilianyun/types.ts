/** Shared types of the Yilianyun SDK. Inputs are camelCase; the wire is snake_case. */

/** A form value; undefined/null are omitted, numbers and booleans are stringified. */
export type ParamValue = string | number | boolean | null | undefined
export type Params = Readonly<Record<string, ParamValue>>

/** The response envelope, with `error` normalised to a number and ids to strings. */
export interface YilianyunEnvelope<T = unknown> {
  error: number
  errorDescription: string
  /** Cloud time in seconds (v2 only). */
  timestamp?: number
  /** undefined when the cloud sent no body or an empty string. */
  body: T
}

export interface CallOptions {
  accessToken?: string
}

/** A call already bound to one access token (what the API areas use). */
export type BoundCall = <T = unknown>(path: string, params: Params) => Promise<T>

export interface YilianyunClientOptions {
  clientId: string
  clientSecret: string
  /** Default YILIANYUN_API_URL (see endpoints.ts). */
  apiUrl?: string
  connectTimeoutMs?: number
  /** Time allowed for response headers, then between body chunks. Default 15000. */
  requestTimeoutMs?: number
  /** Max connections to the cloud. Default 32. */
  connections?: number
  keepAliveTimeoutMs?: number
  /** Largest response body accepted. Default 16 MiB. */
  maxResponseBytes?: number
  /** Clock in milliseconds, for the signed timestamp (tests, skew correction). Default Date.now. */
  now?: () => number
  /**
   * Called with the cloud's clock from every answer that carries `timestamp` (v2 does; errors
   * too): `serverSec` is the cloud's Unix time in seconds, `localMs` the local wall clock
   * (Date.now(), not the `now` option) at the middle of the exchange — the best estimate of when
   * the cloud read its clock — and `roundTripMs` the exchange's duration. The cloud's clock is
   * ahead by about `serverSec * 1000 - localMs` ms (± 500 ms for the whole-second resolution, ±
   * half the round trip). Errors thrown by the callback are ignored.
   */
  onServerTime?: (serverSec: number, localMs: number, roundTripMs: number) => void
  /**
   * Which API generation `apiUrl` speaks; default from the URL (a path ending in /v2 is "v2",
   * else "v1"). It decides how getorderstatus's status 0 reads (v1: unprinted or canceled).
   */
  apiVersion?: "v1" | "v2"
}

/** The cloud's clock as last seen in an answer (see YilianyunClientOptions.onServerTime). */
export interface ServerTimeSample {
  serverSec: number
  localMs: number
  roundTripMs: number
}

// ---- OAuth -----------------------------------------------------------------------------------

export interface TokenResult {
  accessToken: string
  refreshToken: string
  /** Set for open-app tokens (one token per printer); undefined for self-owned apps. */
  machineCode?: string
  /** Seconds; meaningless for self-owned tokens, which never expire. */
  expiresIn?: number
  refreshExpiresIn?: number
  scope?: string
}

export type ScanCodeTokenParams =
  | { machineCode: string; msign: string; qrKey?: never }
  | { machineCode: string; qrKey: string; msign?: never }

export type PushCmd = "oauth_finish" | "oauth_getOrder" | "oauth_printStatus" | "oauth_request" | "oauth_printMenu"

export interface SetPushUrlParams {
  cmd: PushCmd
  /** Must start with http:// or https://. */
  url: string
  status: "open" | "close"
  /** Required for open apps (per printer); optional for self-owned apps. */
  machineCode?: string
}

// ---- Printer ---------------------------------------------------------------------------------

export interface AddPrinterParams {
  machineCode: string
  /** Terminal key from the device label; either this or qrKey. */
  msign?: string
  qrKey?: string
  /** Number of the printer's data SIM, if any. */
  phone?: string
  printName?: string
}

export type PrinterState = "offline" | "online" | "paper_out"
/**
 * A print's state. v2 tells all three apart (0 unprinted, 1 printed, 2 canceled); v1 answers 0
 * for both unprinted and canceled, read as "unprinted_or_canceled" — cancel it again or wait.
 */
export type OrderStatus = "unprinted" | "printed" | "canceled" | "unprinted_or_canceled"

export interface PrintStatusResult {
  machineCode: string
  state: PrinterState
}

export interface VersionResult {
  /** Firmware version, e.g. "a7". */
  hardware: string
  /** Model name, e.g. "K4-WAD". */
  software: string
}

export interface PrintInfoResult {
  printWidth?: number
  version?: string
  /** The body as sent; its exact shape is undocumented. */
  raw: unknown
}

export interface OrderStatusResult {
  /** On a v1 API base, status 0 comes back as "unprinted_or_canceled". */
  status: OrderStatus
  id?: string
  originId?: string
  raw: unknown
}

export interface OrderListItem {
  id: string
  originId: string
  status: OrderStatus
  content: string
  /** Seconds; 0 when unknown. */
  receivingTime: number
  /** Seconds; 0 when not printed. */
  printTime: number
}

export interface PushSwitchParams {
  machineCode: string
  status: "open" | "close"
  /** 1 standard, 2 payment, 3 tag (cloud default 1). */
  mode?: 1 | 2 | 3
}

export interface SetKeywordsParams {
  machineCode: string
  keys: string
  type: string | number
  content: string
}

export interface K8SettingParams {
  machineCode: string
  usbPrintMode?: 0 | 1
  usbInputMode?: 0 | 1
  cameraDecodeTxMode?: 0 | 1
}

// ---- Printing --------------------------------------------------------------------------------

export interface TextPrintParams {
  machineCode: string
  /** Receipt markup. */
  content: string
  /** 1–32 letters or digits; resending the same one within 2 h never prints twice. */
  originId: string
  /** Default true: sends idempotence=1 so the cloud dedupes on originId. */
  idempotence?: boolean
}

export interface PicturePrintParams {
  machineCode: string
  pictureUrl: string
  originId: string
  idempotence?: boolean
}

export interface PrintResult {
  /** Yilianyun print id (a 64-bit integer on v2; always a string here). */
  id: string
  originId: string
}

export interface ExpressPrintParams {
  machineCode: string
  originId: string
  /** KDNiao EOrder JSON, as object or pre-serialised string. */
  content: object | string
  sandbox?: boolean
}

export interface ExpressPrintResult {
  id?: string
  originId?: string
  raw: unknown
}

export interface ExpressCancelParams {
  machineCode: string
  content: object | string
}

// ---- Voice / menu ----------------------------------------------------------------------------

/** 0 female, 1 male, 3 synthetic male, 4 synthetic female. */
export type VoiceType = 0 | 1 | 3 | 4

export interface SetVoiceParams {
  machineCode: string
  /** An MP3 URL when isFile, else [text, volume 1–9, voiceType]. */
  content: string | readonly [text: string, volume: number, voiceType: VoiceType]
  isFile: boolean
  /** Slot 0–9; the cloud picks the next one when omitted. */
  aid?: number
}

export interface SetVoiceResult {
  aid?: string
}

export interface DeleteVoiceResult {
  aid?: string
  isDelete: boolean
}

export interface AddMenuParams {
  machineCode: string
  menus: ReadonlyArray<readonly [name: string, url: string]>
}
