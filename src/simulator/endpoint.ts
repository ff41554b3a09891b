import { CLOUD_CODES, CloudError } from "./codes"
import type { Device } from "./printers"
import type { SimulatorState } from "./state"
import type { ApiVersion } from "./types"

export interface CallContext {
  /** Decoded form fields; a repeated field keeps its first value. */
  params: Record<string, string>
  state: SimulatorState
  /** "v2" for a path under /v2, else "v1". */
  version: ApiVersion
}

export interface EndpointResult {
  /** Omitted for setter calls: v2 sends no body then (reference §1.2). */
  body?: unknown
}

export interface Endpoint {
  /** "token": needs a current access_token; "none": token acquisition calls. */
  auth: "token" | "none"
  /** Answered with 12 when missing or empty (after the common checks). */
  required: string[]
  handle(context: CallContext): EndpointResult | Promise<EndpointResult>
}

export type EndpointTable = Record<string, Endpoint>

/** A value from a closed set, else 34 naming the parameter. */
export function oneOf<T extends string>(context: CallContext, name: string, allowed: readonly T[]): T {
  const value = context.params[name]
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, `${name}须为${allowed.join("|")}`)
  }
  return value as T
}

/** An optional whole number within [min, max]; 34 when present but out of range. */
export function optionalInt(context: CallContext, name: string, min: number, max: number): number | undefined {
  const raw = context.params[name]
  if (raw === undefined || raw === "") return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, `${name}须为${min}-${max}的整数`)
  }
  return value
}

export function boundPrinter(context: CallContext): Device {
  return context.state.devices.requireBound(context.params.machine_code)
}

/** Settings that need the device to answer (getorder, setting) fail with 9 when it is offline. */
export function requireOnline(device: Device): void {
  if (device.state !== "online") throw new CloudError(CLOUD_CODES.PRINTER_UNREACHABLE, "打印机不在线")
}
