import type { ErrorFault, FaultsInput, FaultsState, LateFault } from "./types"

export type FaultAction =
  | { kind: "none" }
  | { kind: "hang" }
  | { kind: "http5xx"; status: number }
  | { kind: "error"; code: number; description?: string }

const MAX_LATENCY_MS = 120_000
const DEFAULT_LATE_DELAY_MS = 1000
const MAX_LATE_DELAY_MS = 600_000

/** Strips the optional /v2 prefix and slashes: "/v2/print/index" → "print/index". */
export function normalizeApiPath(path: string): string {
  return path
    .replace(/^\/+/, "")
    .replace(/^v2\//, "")
    .replace(/\/+$/, "")
}

function countField(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number ≥ 0`)
  }
  return value
}

/** Injected trouble for cloud API calls (never for the control API). */
export class Faults {
  private state: FaultsState = Faults.clean()

  static clean(): FaultsState {
    return { latencyMs: 0, timeoutNext: 0, http5xxNext: 0, http5xxStatus: 502, errorNext: null, lateNext: null }
  }

  snapshot(): FaultsState {
    return {
      ...this.state,
      errorNext: this.state.errorNext ? { ...this.state.errorNext } : null,
      lateNext: this.state.lateNext ? { ...this.state.lateNext, paths: [...this.state.lateNext.paths] } : null,
    }
  }

  /** Merges the given fields; errors name the field so a test author sees the typo. */
  apply(input: FaultsInput): FaultsState {
    const next = this.snapshot()
    if (input.latencyMs !== undefined) {
      next.latencyMs = countField("latencyMs", input.latencyMs)
      if (next.latencyMs > MAX_LATENCY_MS) throw new Error(`latencyMs must be ≤ ${MAX_LATENCY_MS}`)
    }
    if (input.timeoutNext !== undefined) next.timeoutNext = countField("timeoutNext", input.timeoutNext)
    if (input.http5xxNext !== undefined) next.http5xxNext = countField("http5xxNext", input.http5xxNext)
    if (input.http5xxStatus !== undefined) {
      const status = countField("http5xxStatus", input.http5xxStatus)
      if (status < 500 || status > 599) throw new Error("http5xxStatus must be 500–599")
      next.http5xxStatus = status
    }
    if (input.errorNext === null) next.errorNext = null
    else if (input.errorNext !== undefined) next.errorNext = errorFault(input.errorNext)
    if (input.lateNext === null) next.lateNext = null
    else if (input.lateNext !== undefined) next.lateNext = lateFault(input.lateNext)
    this.state = next
    return this.snapshot()
  }

  /** What the next call to this API path suffers; consumes one unit of the fault it gets. */
  take(path: string): { latencyMs: number; action: FaultAction } {
    const latencyMs = this.state.latencyMs
    if (this.state.timeoutNext > 0) {
      this.state.timeoutNext--
      return { latencyMs, action: { kind: "hang" } }
    }
    if (this.state.http5xxNext > 0) {
      this.state.http5xxNext--
      return { latencyMs, action: { kind: "http5xx", status: this.state.http5xxStatus } }
    }
    const error = this.state.errorNext
    if (error && (!error.paths || error.paths.includes(normalizeApiPath(path)))) {
      error.count--
      if (error.count <= 0) this.state.errorNext = null
      return { latencyMs, action: { kind: "error", code: error.code, description: error.description } }
    }
    return { latencyMs, action: { kind: "none" } }
  }

  /**
   * Whether this call (already checked, so its machine_code is known) lands late; consumes one
   * unit. Returns the delay, or undefined for a normal call.
   */
  takeLate(path: string, machineCode: string | undefined): number | undefined {
    const late = this.state.lateNext
    if (!late || !late.paths.includes(normalizeApiPath(path))) return undefined
    if (late.machineCode && late.machineCode !== machineCode) return undefined
    late.count--
    if (late.count <= 0) this.state.lateNext = null
    return late.delayMs
  }

  reset(): void {
    this.state = Faults.clean()
  }
}

function errorFault(input: NonNullable<FaultsInput["errorNext"]>): ErrorFault {
  if (typeof input.code !== "number" || !Number.isInteger(input.code) || input.code < 1) {
    throw new Error("errorNext.code must be a cloud error code ≥ 1")
  }
  const count = input.count === undefined ? 1 : countField("errorNext.count", input.count)
  if (input.paths !== undefined && (!Array.isArray(input.paths) || input.paths.some((p) => typeof p !== "string"))) {
    throw new Error('errorNext.paths must be a list of API paths such as "print/index"')
  }
  const fault: ErrorFault = { code: input.code, count }
  if (input.paths) fault.paths = input.paths.map(normalizeApiPath)
  if (input.description !== undefined) {
    if (typeof input.description !== "string" || input.description === "") throw new Error("errorNext.description must be a non-empty string")
    fault.description = input.description
  }
  return fault
}

function lateFault(input: NonNullable<FaultsInput["lateNext"]>): LateFault {
  if (typeof input !== "object") throw new Error("lateNext must be an object { count, delayMs, machineCode, paths }")
  const count = input.count === undefined ? 1 : countField("lateNext.count", input.count)
  const delayMs = input.delayMs === undefined ? DEFAULT_LATE_DELAY_MS : countField("lateNext.delayMs", input.delayMs)
  if (delayMs > MAX_LATE_DELAY_MS) throw new Error(`lateNext.delayMs must be ≤ ${MAX_LATE_DELAY_MS}`)
  if (input.machineCode !== undefined && (typeof input.machineCode !== "string" || !/^\d{10}$/.test(input.machineCode))) {
    throw new Error("lateNext.machineCode must be a 10-digit machine code")
  }
  if (input.paths !== undefined && (!Array.isArray(input.paths) || input.paths.some((p) => typeof p !== "string"))) {
    throw new Error('lateNext.paths must be a list of API paths such as "print/index"')
  }
  const fault: LateFault = { count, delayMs, paths: (input.paths ?? ["print/index"]).map(normalizeApiPath) }
  if (input.machineCode) fault.machineCode = input.machineCode
  return fault
}
