import http from "node:http"
import type {
  AddDeviceInput,
  Button,
  ButtonPressResult,
  ClockInfo,
  DeviceInfo,
  FaultsInput,
  FaultsState,
  HealthInfo,
  PaperSlip,
  PrinterInfo,
  PrinterState,
  PrintFilter,
  PrintRecord,
  PushFilter,
  PushRecord,
  PushTargetInfo,
  PushTargetInput,
  SendPushInput,
  SimBehavior,
  TokensInfo,
} from "./types"

export class SimulatorControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
    this.name = "SimulatorControlError"
  }
}

export interface WaitOptions {
  timeoutMs?: number
  intervalMs?: number
}

/**
 * Typed client of a simulator's control API (`/_sim/*`). Works from any process given the
 * simulator's base URL, e.g. `new SimulatorControl("http://127.0.0.1:18700")`.
 * Uses plain node:http without keep-alive so it leaves no sockets behind in test runs.
 */
export class SimulatorControl {
  readonly baseUrl: string

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "")
  }

  health(): Promise<HealthInfo> {
    return this.call("GET", "health")
  }

  /** Fresh cloud: tokens and quota, devices and bindings, queues, paper, faults, pushes, clock. */
  async reset(): Promise<void> {
    await this.call("POST", "reset", {})
  }

  addDevice(input: AddDeviceInput = {}): Promise<DeviceInfo> {
    return this.call("POST", "devices", input)
  }

  devices(): Promise<DeviceInfo[]> {
    return this.call("GET", "devices")
  }

  /** Printers bound to the simulator's app, with state, modes and queue counts. */
  printers(): Promise<PrinterInfo[]> {
    return this.call("GET", "printers")
  }

  /** Sends oauth_printStatus when the state changes (unless push: false); online resumes the queue. */
  setPrinterState(machineCode: string, state: PrinterState, options: { push?: boolean } = {}): Promise<DeviceInfo> {
    return this.call("POST", "printer-state", { machineCode, state, push: options.push })
  }

  /** A key on the printer: releases a held print, answers accept/reject, or sends oauth_request. */
  pressButton(machineCode: string, printId?: string, button: Button = "left"): Promise<ButtonPressResult> {
    return this.call("POST", "press-button", { machineCode, printId, button })
  }

  /** The behaviour switches now in force (see SimBehavior). */
  behavior(): Promise<SimBehavior> {
    return this.call("GET", "behavior")
  }

  /**
   * Turns behaviour switches; unnamed ones keep their value. `reset()` returns every switch to
   * the value the simulator was started with. E.g. `setBehavior({ finishOrderId: "absent" })`.
   */
  setBehavior(input: Partial<SimBehavior>): Promise<SimBehavior> {
    return this.call("POST", "behavior", input)
  }

  /** The firmware version printer/getversion reports for a device (creates the device if new). */
  setFirmware(machineCode: string, firmware: string): Promise<DeviceInfo> {
    return this.call("POST", "devices", { machineCode, firmware })
  }

  faults(): Promise<FaultsState> {
    return this.call("GET", "faults")
  }

  setFaults(input: FaultsInput): Promise<FaultsState> {
    return this.call("POST", "faults", input)
  }

  clearFaults(): Promise<FaultsState> {
    return this.call("POST", "faults", { clear: true })
  }

  paper(machineCode: string): Promise<PaperSlip[]> {
    return this.call("GET", `paper/${encodeURIComponent(machineCode)}`)
  }

  prints(filter: PrintFilter = {}): Promise<PrintRecord[]> {
    return this.call("GET", `prints${query({ ...filter, status: filter.status?.toString() })}`)
  }

  tokens(): Promise<TokensInfo> {
    return this.call("GET", "tokens")
  }

  /** As if another process had fetched a new token: the current one answers 18 from now on. */
  revokeToken(): Promise<TokensInfo> {
    return this.call("POST", "tokens", { action: "revoke" })
  }

  pushTargets(): Promise<PushTargetInfo[]> {
    return this.call("GET", "push-targets")
  }

  setPushTarget(input: PushTargetInput): Promise<PushTargetInfo> {
    return this.call("POST", "push-targets", input)
  }

  pushes(filter: PushFilter = {}): Promise<PushRecord[]> {
    return this.call("GET", `pushes${query({ ...filter })}`)
  }

  /** Any push, signed by the real signer unless `sign` is given; waits for delivery unless wait: false. */
  sendPush(
    cmd: string,
    fields: Record<string, string | number> = {},
    options: Omit<SendPushInput, "cmd" | "fields"> = {}
  ): Promise<PushRecord> {
    return this.call("POST", "send-push", { ...options, cmd, fields })
  }

  clock(): Promise<ClockInfo> {
    return this.call("GET", "clock")
  }

  setClockOffset(offsetMs: number): Promise<ClockInfo> {
    return this.call("POST", "clock", { offsetMs })
  }

  /** Time travel, e.g. 2 h + 1 s to leave the dedupe window or 24 h to refill the token quota. */
  advanceClock(ms: number): Promise<ClockInfo> {
    return this.call("POST", "clock", { advanceMs: ms })
  }

  /** Polls until `probe` returns something other than undefined/false, or throws after timeoutMs. */
  async waitFor<T>(probe: () => Promise<T | undefined | false>, options: WaitOptions = {}): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000)
    for (;;) {
      const value = await probe()
      if (value !== undefined && value !== false) return value
      if (Date.now() > deadline) throw new Error(`simulator condition not met within ${options.timeoutMs ?? 5000} ms`)
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25))
    }
  }

  /** Waits until the printer's paper holds at least `count` slips. */
  waitForPaper(machineCode: string, count = 1, options?: WaitOptions): Promise<PaperSlip[]> {
    return this.waitFor(async () => {
      const slips = await this.paper(machineCode)
      return slips.length >= count ? slips : undefined
    }, options)
  }

  /** Waits until at least `count` matching pushes have finished all their delivery attempts. */
  waitForPushes(filter: PushFilter, count = 1, options?: WaitOptions): Promise<PushRecord[]> {
    return this.waitFor(async () => {
      const done = (await this.pushes(filter)).filter((push) => push.done)
      return done.length >= count ? done : undefined
    }, options)
  }

  private call<T>(method: "GET" | "POST", route: string, body?: unknown): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body)
    const headers: Record<string, string | number> = { accept: "application/json", connection: "close" }
    if (text !== undefined) {
      headers["content-type"] = "application/json"
      headers["content-length"] = Buffer.byteLength(text)
    }
    return new Promise<T>((resolve, reject) => {
      const request = http.request(`${this.baseUrl}/_sim/${route}`, { method, headers, agent: false }, (response) => {
        const chunks: Buffer[] = []
        response.on("data", (chunk: Buffer) => chunks.push(chunk))
        response.on("error", reject)
        response.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8")
          let parsed: unknown
          try {
            parsed = raw ? JSON.parse(raw) : undefined
          } catch {
            return reject(new SimulatorControlError(response.statusCode ?? 0, `simulator answered non-JSON: ${raw.slice(0, 200)}`))
          }
          if (response.statusCode !== 200) {
            const message = (parsed as { error?: string } | undefined)?.error ?? raw
            return reject(new SimulatorControlError(response.statusCode ?? 0, `${method} /_sim/${route}: ${message}`))
          }
          resolve(parsed as T)
        })
      })
      request.on("error", reject)
      request.end(text)
    })
  }
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== "") params.set(name, value)
  const text = params.toString()
  return text ? `?${text}` : ""
}
