import { YilianyunError } from "./errors"
import { isPlainObject, parseJsonPreservingBigInts } from "./json"
import { pushSign, verifySign } from "./sign"
import type { PrinterState } from "./types"

/** Fields every push carries; `raw` keeps all form fields as sent (the signature is over raw values). */
interface PushBase {
  sign: string
  /** Seconds. */
  pushTime: number
  raw: Readonly<Record<string, string>>
}

export type YilianyunPush =
  | (PushBase & {
      cmd: "oauth_finish"
      machineCode: string
      /** Yilianyun print id; null when the push names only the origin_id. */
      orderId: string | null
      originId: string | null
      /** 1 = printed. */
      state: number
      printTime: number
    })
  | (PushBase & { cmd: "oauth_getOrder"; machineCode: string; orderId: string; state: 0 | 1 })
  | (PushBase & { cmd: "oauth_printStatus"; machineCode: string; online: PrinterState })
  | (PushBase & { cmd: "oauth_request"; machineCode: string; state: "request1" | "request2" })
  /** App-menu selection; its payload is undocumented, so only the raw fields are given. */
  | (PushBase & { cmd: "oauth_printMenu"; machineCode: string; rawCmd: string })
  | (PushBase & { cmd: "unknown"; rawCmd: string; machineCode?: string; fields: Readonly<Record<string, string>> })

export type PushVerification = { ok: true } | { ok: false; reason: "bad_sign" | "stale" | "future" | "malformed" }

export interface VerifyPushOptions {
  clientId: string
  clientSecret: string
  /** Current time in seconds; default the system clock. */
  nowSec?: number
  /** Oldest accepted push_time (the platform retries within minutes). Default 600 s. */
  maxAgeSec?: number
  /** Tolerated clock skew into the future. Default 60 s. */
  maxFutureSec?: number
}

const PUSH_PATH = "push"
const PRINTER_STATES: Readonly<Record<string, PrinterState>> = { "0": "offline", "1": "online", "2": "paper_out" }
const utf8 = new TextDecoder("utf-8", { fatal: true })

/** The exact answer the platform expects within 3 s, else it redelivers. */
export function pushAck(): { data: "OK" } {
  return { data: "OK" }
}

/**
 * Parses a push body (form-urlencoded, as the platform sends, or JSON) into a typed push.
 * Throws YilianyunError (kind "protocol") when it cannot be read; an unknown cmd is kept as "unknown".
 */
export function parsePush(raw: string | Buffer | Record<string, unknown>, contentType?: string): YilianyunPush {
  const fields = toFields(raw, contentType)
  for (const name of ["cmd", "push_time", "sign"]) {
    if (!fields[name]) throw malformed(`the push has no ${name} field`)
  }
  if (!/^\d{1,12}$/.test(fields.push_time)) throw malformed(`push_time ${JSON.stringify(fields.push_time)} is not a Unix time`)
  const base: PushBase = { sign: fields.sign, pushTime: Number(fields.push_time), raw: fields }
  const cmd = fields.cmd

  switch (cmd) {
    case "oauth_finish": {
      const orderId = fields.order_id || null
      const originId = fields.origin_id || null
      if (!orderId && !originId) throw malformed("the finish push names neither order_id nor origin_id")
      return { ...base, cmd, machineCode: machineCodeOf(fields), orderId, originId, state: intOf(fields, "state"), printTime: intOf(fields, "print_time", 0) }
    }
    case "oauth_getOrder": {
      const state = intOf(fields, "state")
      if (state !== 0 && state !== 1) throw malformed(`state ${state} of oauth_getOrder is not 0 or 1`)
      return { ...base, cmd, machineCode: machineCodeOf(fields), orderId: requireField(fields, "order_id"), state }
    }
    case "oauth_printStatus": {
      const online = PRINTER_STATES[requireField(fields, "online")]
      if (!online) throw malformed(`online ${JSON.stringify(fields.online)} is not 0, 1 or 2`)
      return { ...base, cmd, machineCode: machineCodeOf(fields), online }
    }
    case "oauth_request": {
      const state = requireField(fields, "state")
      if (state !== "request1" && state !== "request2") throw malformed(`state ${JSON.stringify(state)} of oauth_request is not request1 or request2`)
      return { ...base, cmd, machineCode: machineCodeOf(fields), state }
    }
    // The legacy API's "printmenu" (signed with `time` and an upper-case apikey md5) never
    // verifies against this signature scheme, so it is not recognised: it stays "unknown".
    case "oauth_printMenu":
      return { ...base, cmd: "oauth_printMenu", machineCode: machineCodeOf(fields), rawCmd: cmd }
    default:
      return { ...base, cmd: "unknown", rawCmd: cmd, machineCode: fields.machine_code || undefined, fields }
  }
}

/**
 * Checks the push signature (constant time, any hex case) and freshness. There is no nonce,
 * so push_time freshness plus the caller's dedupe are the only replay protection.
 */
export function verifyPush(push: { raw: Readonly<Record<string, string>> }, options: VerifyPushOptions): PushVerification {
  const pushTime = push.raw?.push_time
  const sign = push.raw?.sign
  if (typeof pushTime !== "string" || !/^\d{1,12}$/.test(pushTime) || typeof sign !== "string" || !/^[0-9a-fA-F]{32}$/.test(sign)) {
    return { ok: false, reason: "malformed" }
  }
  if (!verifySign(pushSign(options.clientId, pushTime, options.clientSecret), sign)) return { ok: false, reason: "bad_sign" }
  const now = options.nowSec ?? Math.floor(Date.now() / 1000)
  const age = now - Number(pushTime)
  if (age > (options.maxAgeSec ?? 600)) return { ok: false, reason: "stale" }
  if (-age > (options.maxFutureSec ?? 60)) return { ok: false, reason: "future" }
  return { ok: true }
}

function toFields(raw: string | Buffer | Record<string, unknown>, contentType?: string): Record<string, string> {
  if (Buffer.isBuffer(raw) || raw instanceof Uint8Array) {
    let text: string
    try {
      text = utf8.decode(raw)
    } catch {
      throw malformed("the push body is not valid UTF-8")
    }
    return textToFields(text, contentType)
  }
  if (typeof raw === "string") return textToFields(raw, contentType)
  if (isPlainObject(raw)) return objectToFields(raw)
  throw malformed("the push body is empty or of an unsupported type")
}

function textToFields(text: string, contentType?: string): Record<string, string> {
  const body = text.replace(/^\uFEFF/, "").trim()
  const type = (contentType ?? "").toLowerCase()
  const isJson = type.includes("json") || (!type.includes("x-www-form-urlencoded") && /^[{[]/.test(body))
  if (!isJson) return formToFields(body)
  let parsed: unknown
  try {
    parsed = parseJsonPreservingBigInts(body)
  } catch {
    throw malformed("the push body is not valid JSON")
  }
  if (!isPlainObject(parsed)) throw malformed("the push JSON is not an object")
  return objectToFields(parsed)
}

/** Strict form decoding: malformed %-escapes and non-UTF-8 bytes are rejected, not replaced. */
function formToFields(body: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null)
  for (const pair of body.split("&")) {
    if (pair === "") continue
    const eq = pair.indexOf("=")
    const key = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq))
    const value = eq < 0 ? "" : decodeFormComponent(pair.slice(eq + 1))
    if (key in fields) throw malformed(`the push repeats the field ${key}`)
    fields[key] = value
  }
  return { ...fields }
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "))
  } catch {
    throw malformed("the push body has a malformed %-escape or non-UTF-8 bytes")
  }
}

function objectToFields(obj: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) throw malformed(`the push repeats the field ${key}`)
    fields[key] = typeof value === "object" ? JSON.stringify(value) : String(value)
  }
  return fields
}

function requireField(fields: Record<string, string>, name: string): string {
  const value = fields[name]
  if (value === undefined || value === "") throw malformed(`the ${fields.cmd} push has no ${name} field`)
  return value
}

function machineCodeOf(fields: Record<string, string>): string {
  return requireField(fields, "machine_code")
}

function intOf(fields: Record<string, string>, name: string, fallback?: number): number {
  const value = fields[name]
  if ((value === undefined || value === "") && fallback !== undefined) return fallback
  if (value === undefined || !/^-?\d{1,15}$/.test(value)) throw malformed(`${name} ${JSON.stringify(value)} of the ${fields.cmd} push is not a number`)
  return Number(value)
}

function malformed(reason: string): YilianyunError {
  return new YilianyunError({
    kind: "protocol",
    path: PUSH_PATH,
    description: reason,
    message: `Rejected a Yilianyun push: ${reason}.`,
  })
}
