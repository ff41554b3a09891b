// Shapes of the simulator's control API (`/_sim/*`), shared by the server side and the
// SimulatorControl client. Print ids are strings here (this is plain JSON, not the cloud API).

export type PrinterState = "online" | "offline" | "paper_out"
export type PaperWidth = 58 | 80
export type PushCmd = "oauth_finish" | "oauth_getOrder" | "oauth_printStatus" | "oauth_request"
export const PUSH_CMDS: readonly PushCmd[] = ["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"]
export type Button = "left" | "right" | "long"
export type PrintKind = "text" | "picture" | "express"
/** The API generation a call was made to: paths under /v2 are "v2", the bare paths "v1". */
export type ApiVersion = "v1" | "v2"

/**
 * Switches for behaviours the documents leave open or that differ between v1 and v2. Set them with
 * the `behavior` option of startSimulator or `control.setBehavior()`; `control.reset()` returns to
 * the values the simulator was started with (which default to DEFAULT_BEHAVIOR).
 */
export interface SimBehavior {
  /** Print ids of 10 digits (default, the documented size) or 19 (above 2^53, bare JSON integers). */
  printIdDigits: 10 | 19
  /** What a print without an `idempotence` field means: 1 (v2 document, default) or 0 (v1 reading). */
  defaultIdempotence: 0 | 1
  /** oauth_finish pushes carry order_id (default), omit it (v2-style: origin_id only) or send `order_id=`. */
  finishOrderId: "present" | "absent" | "empty"
  /** The cloud's clock runs this many seconds ahead (negative: behind): push_time, answer timestamps, request check. */
  clockSkewSec: number
  /** oauth/setpushurl (status open) GET-probes the URL and needs {"data":"OK"} (default true). */
  probePushUrls: boolean
  /** oauth/setpushurl refuses a cmd the called version does not document (v2: oauth_request) with 34. */
  refuseUndocumentedCommands: boolean
  /** printmenu/addprintmenu needs name and URL URL-encoded inside the JSON, the name ≤ 18 UTF-8 bytes. */
  checkMenuEncoding: boolean
  /** "v1" (default): the v1 code table; "v2": codes outside it with descriptive texts (the v2 table is a GAP). */
  errorCodes: "v1" | "v2"
  /** `error` written as a JSON number (v2, default) or a string (v1: `"error":"0"`). */
  errorType: "number" | "string"
  /** Paper prints a voice tag (<VN>/<VD>/<VA>/<VI>/<audio>) literally on a model or firmware without it (default true). */
  literalUnsupportedTags: boolean
  /** getorderstatus and the order list: "v2" (0 unprinted, 1 printed, 2 canceled) or "v1" (0 = unprinted or canceled). */
  orderStatus: "v1" | "v2"
}
/** 0 unprinted, 1 printed, 2 canceled — the v2 `getorderstatus` values. */
export type PrintStatus = 0 | 1 | 2

export interface SimulatorLogger {
  info(message: string): void
  warn(message: string): void
  error?(message: string): void
  debug?(message: string): void
}

export interface DeviceInfo {
  machineCode: string
  /** The device key a merchant reads off the label; see expectedMsign(). */
  msign: string
  model: string
  paperWidth: PaperWidth
  /** What printer/getversion reports as `hardware` (firmware version), e.g. "a7" or "a8.5.0". */
  firmware: string
  state: PrinterState
  /** "self" = bound to the simulator's app; "elsewhere" = bound to another Yilianyun account. */
  boundTo: "self" | "elsewhere" | null
  printName?: string
  phone?: string
  getOrderMode: boolean
  btnPrintMode: boolean
  icon?: string
  voices: Record<string, string>
  menus: Array<[string, string]>
  sound?: { responseType: string; voice: number }
  settings: Record<string, string>
}

export interface AddDeviceInput {
  /** 10 digits; omitted → a fresh one is made up. */
  machineCode?: string
  model?: string
  paperWidth?: PaperWidth
  /** Firmware version for printer/getversion (`hardware`), e.g. "a8.5.0"; default "a7". */
  firmware?: string
  state?: PrinterState
  /** Simulate a printer already bound to someone else's account (addprinter → 17). */
  boundElsewhere?: boolean
  /** Pre-bind to the simulator's app, skipping `printer/addprinter`. */
  bound?: boolean
}

export interface PrinterInfo extends DeviceInfo {
  unprinted: number
  printed: number
  canceled: number
}

export interface PrintRecord {
  printId: string
  originId: string
  machineCode: string
  kind: PrintKind
  content: string
  copies: number
  status: PrintStatus
  /** Unix seconds (simulated clock). */
  receivingTime: number
  /** Unix seconds, 0 while unprinted. */
  printTime: number
  idempotence: boolean
  /** "key" = held until a key press (btnprint mode); "decision" = printed, awaiting accept/reject. */
  waitingFor: "none" | "key" | "decision"
  decision?: "left" | "right"
  timesPrinted: number
  /** print calls that carried this print's origin_id (a deduplicated retry counts, prints nothing) */
  submissions: number
}

export interface PrintFilter {
  machineCode?: string
  originId?: string
  status?: PrintStatus
}

export interface PaperSlip {
  printId: string
  originId: string
  kind: PrintKind
  /** The `content` form value exactly as received (decoded). */
  content: string
  copies: number
  /** 1-based copy number: `<MN>3</MN>` yields three slips with copyIndex 1, 2, 3. */
  copyIndex: number
  /** Unix seconds (simulated clock). */
  printedAt: number
  /** The text the printer lays out on paper (receipt layer's previewLines). */
  lines: string[]
  reprint: boolean
}

export interface ErrorFault {
  code: number
  count: number
  /** The error_description to answer with instead of the table's text (e.g. a v2-style sentence). */
  description?: string
  /** API paths without the /v2 prefix, e.g. "print/index"; absent = every path. */
  paths?: string[]
}

/**
 * "A request that lands late": the call passes the checks, gets no answer (the client times out),
 * and is carried out only `delayMs` later, as if it had been stuck on the way.
 */
export interface LateFault {
  count: number
  /** How long after arrival the call is carried out (default 1000 ms). */
  delayMs: number
  /** Only calls for this printer count (others pass untouched). */
  machineCode?: string
  /** API paths without the /v2 prefix; default ["print/index"]. */
  paths: string[]
}

export interface FaultsState {
  latencyMs: number
  timeoutNext: number
  http5xxNext: number
  http5xxStatus: number
  errorNext: ErrorFault | null
  lateNext: LateFault | null
}

export type FaultsInput = Partial<Omit<FaultsState, "errorNext" | "lateNext">> & {
  errorNext?: { code: number; count?: number; paths?: string[]; description?: string } | null
  lateNext?: { count?: number; delayMs?: number; machineCode?: string; paths?: string[] } | null
}

export interface TokensInfo {
  clientId: string
  quota: number
  fetchesInWindow: number
  remaining: number
  /** Unix ms when the oldest fetch in the window leaves it (null when none). */
  nextSlotAt: number | null
  /** A non-secret label of the current token ("token-3"), never the token itself. */
  currentTokenId: string | null
  issuedAt: number | null
  revokedCount: number
}

export interface PushTargetInput {
  cmd: PushCmd
  url: string
  status?: "open" | "close"
  machineCode?: string
  /**
   * Control API only: keep delivering to `url` whatever the app later registers through
   * oauth/setpushurl (its registration is answered as usual) — a test's stand-in for the DNS that
   * would point the app's public push URL at it. Cleared by reset.
   */
  pinned?: boolean
}

export interface PushTargetInfo {
  cmd: PushCmd
  url: string
  status: "open" | "close"
  machineCode?: string
  pinned?: boolean
}

export interface PushAttempt {
  /** Unix ms, real clock. */
  at: number
  ok: boolean
  httpStatus?: number
  error?: string
  /** First 200 characters of the receiver's answer. */
  responseBody?: string
  durationMs: number
}

export interface PushRecord {
  pushId: number
  cmd: string
  url: string
  /** Every form field sent, including cmd, push_time and sign. */
  fields: Record<string, string>
  attempts: PushAttempt[]
  delivered: boolean
  /** No attempt in flight or scheduled any more. */
  done: boolean
  createdAt: number
}

export interface PushFilter {
  cmd?: string
  machineCode?: string
  orderId?: string
}

export interface SendPushInput {
  cmd: string
  fields?: Record<string, string | number>
  /** Send this sign instead of the correct one. */
  sign?: string
  /** push_time to send and sign (Unix seconds); default now. */
  pushTime?: number
  /** Deliver here instead of the registered target. */
  url?: string
  /** Answer only after every delivery attempt ended (default true). */
  wait?: boolean
}

export interface ButtonPressResult {
  action: "printed" | "decision" | "request"
  printId?: string
  pushId?: number
}

export interface ClockInfo {
  offsetMs: number
  nowMs: number
  nowSec: number
}

export interface HealthInfo {
  ok: true
  clientId: string
  startedAt: number
}
