// Shapes of the simulator's control API (`/_sim/*`), shared by the server side and the
// SimulatorControl client. Print ids are strings here (this is plain JSON, not the cloud API).

export type PrinterState = "online" | "offline" | "paper_out"
export type PaperWidth = 58 | 80
export type PushCmd = "oauth_finish" | "oauth_getOrder" | "oauth_printStatus" | "oauth_request"
export const PUSH_CMDS: readonly PushCmd[] = ["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"]
export type Button = "left" | "right" | "long"
export type PrintKind = "text" | "picture" | "express"
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
  /** API paths without the /v2 prefix, e.g. "print/index"; absent = every path. */
  paths?: string[]
}

export interface FaultsState {
  latencyMs: number
  timeoutNext: number
  http5xxNext: number
  http5xxStatus: number
  errorNext: ErrorFault | null
}

export type FaultsInput = Partial<Omit<FaultsState, "errorNext">> & {
  errorNext?: { code: number; count?: number; paths?: string[] } | null
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
}

export interface PushTargetInfo {
  cmd: PushCmd
  url: string
  status: "open" | "close"
  machineCode?: string
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
