import { realNowSec } from "./clock"
import { MAX_PUSH_RECORDS } from "./defaults"
import { httpExchange, isPushAcknowledged } from "./http-out"
import type { Resources } from "./resources"
import { pushSign } from "./signing"
import {
  PUSH_CMDS,
  type PushCmd,
  type PushFilter,
  type PushRecord,
  type PushTargetInfo,
  type PushTargetInput,
  type SendPushInput,
  type SimulatorLogger,
} from "./types"

export interface PushCenterOptions {
  clientId: string
  clientSecret: string
  timeoutMs: number
  retryIntervalMs: number
  resources: Resources
  logger: SimulatorLogger
  /** The cloud's clock (seconds) used for push_time; default the real clock. */
  cloudNowSec?: () => number
}

/** At most 3 deliveries in total: the first try and two retries (reference §4.2). */
export const MAX_PUSH_DELIVERIES = 3

export function isPushCmd(value: unknown): value is PushCmd {
  return typeof value === "string" && (PUSH_CMDS as readonly string[]).includes(value)
}

export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    new URL(value)
    return true
  } catch {
    return false
  }
}

/** Push targets (oauth/setpushurl) and signed, retried, recorded deliveries. */
export class PushCenter {
  private readonly targets = new Map<string, PushTargetInfo>()
  private records: PushRecord[] = []
  private nextPushId = 1
  /** Bumped on reset so deliveries from before it stop retrying. */
  private generation = 0

  constructor(private readonly options: PushCenterOptions) {}

  setTarget(input: PushTargetInput): PushTargetInfo {
    if (!isPushCmd(input.cmd)) throw new Error(`cmd must be one of ${PUSH_CMDS.join(", ")}`)
    if (typeof input.url !== "string" || !isHttpUrl(input.url)) throw new Error("url must start with http:// or https://")
    const status = input.status ?? "open"
    if (status !== "open" && status !== "close") throw new Error("status must be open or close")
    if (input.pinned !== undefined && typeof input.pinned !== "boolean") throw new Error("pinned must be true or false")
    const target: PushTargetInfo = { cmd: input.cmd, url: input.url, status }
    if (input.machineCode) target.machineCode = input.machineCode
    if (input.pinned) target.pinned = true
    this.targets.set(targetKey(input.cmd, input.machineCode), target)
    return target
  }

  /** oauth/setpushurl: the app's registration; a target the control API pinned stays as it is. */
  register(input: Omit<PushTargetInput, "pinned">): PushTargetInfo {
    const pinned = this.targets.get(targetKey(input.cmd, input.machineCode))
    return pinned?.pinned ? pinned : this.setTarget({ ...input, pinned: false })
  }

  listTargets(): PushTargetInfo[] {
    return [...this.targets.values()]
  }

  /** A printer-specific target wins over the app-wide one; closed targets receive nothing. */
  targetUrl(cmd: PushCmd, machineCode?: string): string | undefined {
    const target =
      (machineCode ? this.targets.get(targetKey(cmd, machineCode)) : undefined) ?? this.targets.get(targetKey(cmd))
    return target && target.status === "open" ? target.url : undefined
  }

  /** Sends the push for a cloud event if a target is open for it; fire and forget. */
  emit(cmd: PushCmd, fields: Record<string, string>): PushRecord | undefined {
    const url = this.targetUrl(cmd, fields.machine_code)
    if (!url) return undefined
    const { record, finished } = this.send({ cmd, fields, url })
    finished.catch((error: Error) => this.options.logger.warn(`push #${record.pushId} failed: ${error.message}`))
    return record
  }

  /** Control API: any push, optionally with a forged sign or push_time, signed by the real signer. */
  send(input: SendPushInput): { record: PushRecord; finished: Promise<void> } {
    const url = input.url ?? (isPushCmd(input.cmd) ? this.targetUrl(input.cmd, stringField(input.fields, "machine_code")) : undefined)
    if (!url) throw new Error(`no open push target for ${input.cmd}; set one or pass url`)
    if (!isHttpUrl(url)) throw new Error("url must start with http:// or https://")
    const fields: Record<string, string> = { cmd: input.cmd }
    for (const [name, value] of Object.entries(input.fields ?? {})) fields[name] = String(value)
    const pushTime = String(input.pushTime ?? fields.push_time ?? (this.options.cloudNowSec ?? realNowSec)())
    fields.push_time = pushTime
    fields.sign = input.sign ?? pushSign(this.options.clientId, pushTime, this.options.clientSecret)

    const record: PushRecord = {
      pushId: this.nextPushId++,
      cmd: input.cmd,
      url,
      fields,
      attempts: [],
      delivered: false,
      done: false,
      createdAt: Date.now(),
    }
    this.remember(record)
    return { record, finished: this.deliver(record, this.generation) }
  }

  list(filter: PushFilter = {}): PushRecord[] {
    return this.records.filter(
      (record) =>
        (!filter.cmd || record.cmd === filter.cmd) &&
        (!filter.machineCode || record.fields.machine_code === filter.machineCode) &&
        (!filter.orderId || record.fields.order_id === filter.orderId)
    )
  }

  reset(): void {
    this.generation++
    this.targets.clear()
    this.records = []
    this.nextPushId = 1
  }

  private async deliver(record: PushRecord, generation: number): Promise<void> {
    const body = new URLSearchParams(record.fields).toString()
    for (let attempt = 1; attempt <= MAX_PUSH_DELIVERIES; attempt++) {
      const at = Date.now()
      const result = await httpExchange(this.options.resources, "POST", record.url, this.options.timeoutMs, body)
      if (generation !== this.generation) break
      const ok = isPushAcknowledged(result)
      record.attempts.push({
        at,
        ok,
        httpStatus: result.status,
        error: result.error ?? (ok ? undefined : "answer was not HTTP 200 with {\"data\":\"OK\"}"),
        responseBody: result.body?.slice(0, 200),
        durationMs: result.durationMs,
      })
      if (ok) {
        record.delivered = true
        break
      }
      if (attempt < MAX_PUSH_DELIVERIES) await this.options.resources.sleep(this.options.retryIntervalMs)
      if (generation !== this.generation || this.options.resources.isClosed) break
    }
    record.done = true
    const outcome = record.delivered ? "delivered" : "not delivered"
    this.options.logger.debug?.(`push #${record.pushId} ${record.cmd} ${outcome} after ${record.attempts.length} attempt(s)`)
  }

  private remember(record: PushRecord): void {
    this.records.push(record)
    if (this.records.length <= MAX_PUSH_RECORDS) return
    const index = this.records.findIndex((candidate) => candidate.done)
    this.records.splice(index >= 0 ? index : 0, 1)
  }
}

function targetKey(cmd: string, machineCode?: string): string {
  return `${cmd}|${machineCode ?? "*"}`
}

function stringField(fields: SendPushInput["fields"], name: string): string | undefined {
  const value = fields?.[name]
  return value === undefined ? undefined : String(value)
}
