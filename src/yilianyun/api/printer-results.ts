import { YilianyunError } from "../errors"
import { asId, asNumber, isPlainObject } from "../json"
import type { OrderListItem, OrderStatus, OrderStatusResult, PrintInfoResult, PrintStatusResult, PrinterState, VersionResult } from "../types"
import type { ApiVersion } from "../version"

/** Mapping of the printer/* response bodies to typed results; unexpected shapes are protocol errors. */

const PRINTER_STATES: Readonly<Record<number, PrinterState>> = { 0: "offline", 1: "online", 2: "paper_out" }
// v2: 0 not printed, 1 printed, 2 cancelled; v1 folds cancelled into 0 (reference §3.7).
const ORDER_STATUSES: Readonly<Record<ApiVersion, Readonly<Record<number, OrderStatus>>>> = {
  v2: { 0: "unprinted", 1: "printed", 2: "canceled" },
  v1: { 0: "unprinted_or_canceled", 1: "printed", 2: "canceled" },
}

export function unexpected(path: string, what: string): YilianyunError {
  return new YilianyunError({
    kind: "protocol",
    path,
    description: what,
    message: `Yilianyun answered ${path} in an unexpected shape (${what}) — report this to the plugin maintainers.`,
  })
}

export function toPrinterState(path: string, value: unknown): PrinterState {
  const state = PRINTER_STATES[asNumber(value) ?? -1]
  if (!state) throw unexpected(path, `unknown printer state ${JSON.stringify(value)}`)
  return state
}

export function toOrderStatus(path: string, value: unknown, version: ApiVersion = "v2"): OrderStatus {
  const status = ORDER_STATUSES[version][asNumber(value) ?? -1]
  if (!status) throw unexpected(path, `unknown order status ${JSON.stringify(value)}`)
  return status
}

export function toPrintStatus(path: string, body: unknown, machineCode: string): PrintStatusResult {
  if (!isPlainObject(body)) throw unexpected(path, "no body")
  return { machineCode: asId(body.machine_code) ?? machineCode, state: toPrinterState(path, body.state) }
}

export function toVersion(path: string, body: unknown): VersionResult {
  if (!isPlainObject(body)) throw unexpected(path, "no body")
  return { hardware: stringOf(body.hardware), software: stringOf(body.software) }
}

export function toPrintInfo(body: unknown): PrintInfoResult {
  if (!isPlainObject(body)) return { raw: body }
  const version = body.version
  return {
    printWidth: widthOf(body.print_width ?? body.width),
    version: typeof version === "string" || typeof version === "number" ? String(version) : undefined,
    raw: body,
  }
}

export function toOrderStatusResult(path: string, body: unknown, version: ApiVersion = "v2"): OrderStatusResult {
  if (!isPlainObject(body)) throw unexpected(path, "no body")
  return { status: toOrderStatus(path, body.status, version), id: asId(body.id), originId: asId(body.origin_id), raw: body }
}

/** The list arrives as an array (v2), or as an object of rows in some v1 answers; empty means none. */
export function toOrderList(path: string, body: unknown, version: ApiVersion = "v2"): OrderListItem[] {
  if (body === undefined || body === null) return []
  const rows = Array.isArray(body)
    ? body
    : isPlainObject(body) && Array.isArray(body.list)
      ? body.list
      : isPlainObject(body)
        ? Object.values(body)
        : undefined
  if (!rows) throw unexpected(path, "order list is not a list")
  return rows.map((row) => {
    if (!isPlainObject(row)) throw unexpected(path, "order list row is not an object")
    return {
      id: asId(row.id) ?? "",
      originId: asId(row.origin_id) ?? "",
      status: toOrderStatus(path, row.status, version),
      content: typeof row.content === "string" ? row.content : "",
      receivingTime: asNumber(row.receiving_time) ?? 0,
      printTime: asNumber(row.print_time) ?? 0,
    }
  })
}

/** Width as a number of millimetres; the cloud may write 58, "58" or "58mm". */
function widthOf(value: unknown): number | undefined {
  if (typeof value === "string") {
    const digits = /^\s*(\d+(?:\.\d+)?)/.exec(value)
    return digits ? Number(digits[1]) : undefined
  }
  return asNumber(value)
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : ""
}
