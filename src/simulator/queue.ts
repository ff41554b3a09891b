import type { SimClock } from "./clock"
import { CLOUD_CODES, CloudError } from "./codes"
import { DEDUPE_WINDOW_MS, MAX_PAPER_SLIPS_PER_PRINTER, MAX_PRINTS } from "./defaults"
import { asksForConfirmation, copiesOf, layoutForPaper } from "./paper"
import type { Device, DeviceWarehouse } from "./printers"
import type { PrintIdSource } from "./print-ids"
import type { PushCenter } from "./pushes"
import type { Resources } from "./resources"
import type {
  Button,
  ButtonPressResult,
  PaperSlip,
  PrintFilter,
  PrintKind,
  PrintRecord,
  PrintStatus,
  SimBehavior,
  SimulatorLogger,
} from "./types"

/** A print as the simulator keeps it: the control API's record plus bookkeeping. */
export interface PrintJob extends PrintRecord {
  createdAtMs: number
  timer?: NodeJS.Timeout
}

export interface QueueDeps {
  clock: SimClock
  resources: Resources
  devices: DeviceWarehouse
  pushes: PushCenter
  finishDelayMs: number
  logger: SimulatorLogger
  behavior: () => Readonly<SimBehavior>
  printIds: PrintIdSource
}

export interface SubmitInput {
  device: Device
  originId: string
  kind: PrintKind
  content: string
  idempotence: boolean
}

/** The cloud's print queue for the simulator's app, and each printer's roll of virtual paper. */
export class PrintQueue {
  private jobs = new Map<string, PrintJob>()
  /** origin_id → the first print made with it, for the 2 h idempotence window. */
  private firstByOrigin = new Map<string, PrintJob>()
  private paper = new Map<string, PaperSlip[]>()

  constructor(private readonly deps: QueueDeps) {}

  /** Queues a print; with idempotence a repeat within 2 h returns the first print untouched. */
  submit(input: SubmitInput): { job: PrintJob; duplicate: boolean } {
    const nowMs = this.deps.clock.nowMs()
    const first = this.firstByOrigin.get(input.originId)
    const firstIsFresh = first !== undefined && nowMs - first.createdAtMs < DEDUPE_WINDOW_MS
    if (input.idempotence && first && firstIsFresh) {
      first.submissions++
      return { job: first, duplicate: true }
    }

    const job: PrintJob = {
      printId: this.deps.printIds.next(this.deps.behavior().printIdDigits),
      originId: input.originId,
      machineCode: input.device.machineCode,
      kind: input.kind,
      content: input.content,
      copies: input.kind === "text" ? copiesOf(input.content) : 1,
      status: 0,
      receivingTime: Math.floor(nowMs / 1000),
      printTime: 0,
      idempotence: input.idempotence,
      waitingFor: input.device.btnPrintMode ? "key" : "none",
      timesPrinted: 0,
      submissions: 1,
      createdAtMs: nowMs,
    }
    this.jobs.set(job.printId, job)
    if (!firstIsFresh) this.firstByOrigin.set(job.originId, job)
    this.evictIfFull()
    this.schedule(job)
    return { job, duplicate: false }
  }

  /** A print of this app on this printer, or code 34 (documented choice for an unknown order_id). */
  requireJob(device: Device, printId: string): PrintJob {
    const job = this.jobs.get(printId.trim())
    if (!job || job.machineCode !== device.machineCode) {
      throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, "order_id不存在或不属于该打印机")
    }
    return job
  }

  cancelOne(device: Device, printId: string): void {
    const job = this.requireJob(device, printId)
    if (job.status !== 0) throw new CloudError(CLOUD_CODES.NOTHING_TO_CANCEL)
    this.cancel(job)
  }

  cancelAll(device: Device): number {
    const queued = this.jobsOf(device.machineCode).filter((job) => job.status === 0)
    if (queued.length === 0) throw new CloudError(CLOUD_CODES.NOTHING_TO_CANCEL)
    queued.forEach((job) => this.cancel(job))
    return queued.length
  }

  /** printer/reprintorder: the same print id goes through the printer once more. */
  reprint(device: Device, printId: string): void {
    const job = this.requireJob(device, printId)
    if (job.status === 0) return // still queued: it will print anyway
    job.status = 0
    job.printTime = 0
    job.waitingFor = device.btnPrintMode ? "key" : "none"
    job.decision = undefined
    this.schedule(job)
  }

  /** A printer came online (or its paper was refilled): queued prints go out in order. */
  resume(device: Device): void {
    for (const job of this.jobsOf(device.machineCode)) if (job.status === 0) this.schedule(job)
  }

  /** A key on the printer: releases a held print, answers accept/reject, or asks (oauth_request). */
  pressButton(device: Device, button: Button, printId?: string): ButtonPressResult {
    const mine = this.jobsOf(device.machineCode)
    const job = printId
      ? mine.find((candidate) => candidate.printId === printId)
      : button === "long"
        ? undefined
        : (mine.find((c) => c.status === 0 && c.waitingFor === "key") ?? mine.find((c) => c.waitingFor === "decision"))
    if (printId && !job) throw new Error(`print ${printId} is not on printer ${device.machineCode}`)

    if (job?.waitingFor === "key" && job.status === 0) {
      job.waitingFor = "none"
      this.schedule(job)
      return { action: "printed", printId: job.printId }
    }
    if (job?.waitingFor === "decision" && button !== "long") {
      job.waitingFor = "none"
      job.decision = button
      // v2: state 0 = left key, 1 = right key (reference §4.3).
      const push = this.deps.pushes.emit("oauth_getOrder", {
        machine_code: device.machineCode,
        order_id: job.printId,
        state: button === "left" ? "0" : "1",
      })
      return { action: "decision", printId: job.printId, pushId: push?.pushId }
    }
    if (job) throw new Error(`print ${job.printId} is not waiting for a key press`)
    const push = this.deps.pushes.emit("oauth_request", {
      machine_code: device.machineCode,
      state: button === "long" ? "request2" : "request1",
    })
    return { action: "request", pushId: push?.pushId }
  }

  /** This printer's prints, oldest first. */
  jobsOf(machineCode: string): PrintJob[] {
    return [...this.jobs.values()].filter((job) => job.machineCode === machineCode)
  }

  list(filter: PrintFilter = {}): PrintRecord[] {
    return [...this.jobs.values()]
      .filter(
        (job) =>
          (!filter.machineCode || job.machineCode === filter.machineCode) &&
          (!filter.originId || job.originId === filter.originId) &&
          (filter.status === undefined || job.status === filter.status)
      )
      .map(printRecord)
  }

  paperOf(machineCode: string): PaperSlip[] {
    return [...(this.paper.get(machineCode) ?? [])]
  }

  reset(): void {
    this.jobs.clear()
    this.firstByOrigin.clear()
    this.paper.clear()
  }

  private cancel(job: PrintJob): void {
    job.status = 2
    job.waitingFor = "none"
    this.deps.resources.clearTimer(job.timer)
    job.timer = undefined
  }

  private schedule(job: PrintJob): void {
    if (job.status !== 0 || job.timer || job.waitingFor === "key") return
    const device = this.deps.devices.get(job.machineCode)
    if (!device || device.state !== "online") return // held until the printer is back
    job.timer = this.deps.resources.setTimer(() => {
      job.timer = undefined
      this.printNow(job)
    }, this.deps.finishDelayMs)
  }

  private printNow(job: PrintJob): void {
    const device = this.deps.devices.get(job.machineCode)
    if (job.status !== 0 || !device || device.state !== "online") return
    const nowSec = this.deps.clock.nowSec()
    job.status = 1
    job.printTime = nowSec
    const reprint = job.timesPrinted > 0
    job.timesPrinted++
    if (device.getOrderMode || (job.kind === "text" && asksForConfirmation(job.content))) job.waitingFor = "decision"

    const lines = layoutForPaper(job.kind, job.content, device, this.deps.logger, this.deps.behavior().literalUnsupportedTags)
    const roll = this.paper.get(device.machineCode) ?? []
    for (let copyIndex = 1; copyIndex <= job.copies; copyIndex++) {
      roll.push({
        printId: job.printId,
        originId: job.originId,
        kind: job.kind,
        content: job.content,
        copies: job.copies,
        copyIndex,
        printedAt: nowSec,
        lines: [...lines],
        reprint,
      })
    }
    if (roll.length > MAX_PAPER_SLIPS_PER_PRINTER) roll.splice(0, roll.length - MAX_PAPER_SLIPS_PER_PRINTER)
    this.paper.set(device.machineCode, roll)

    // v2 may name the print by origin_id only (reference §4.3); behavior.finishOrderId plays that.
    const orderId = this.deps.behavior().finishOrderId
    const fields: Record<string, string> = { machine_code: device.machineCode }
    if (orderId !== "absent") fields.order_id = orderId === "present" ? job.printId : ""
    Object.assign(fields, { origin_id: job.originId, state: "1", print_time: String(nowSec) })
    this.deps.pushes.emit("oauth_finish", fields)
  }

  private evictIfFull(): void {
    if (this.jobs.size <= MAX_PRINTS) return
    for (const job of this.jobs.values()) {
      if (job.status === 0) continue
      this.jobs.delete(job.printId)
      if (this.firstByOrigin.get(job.originId) === job) this.firstByOrigin.delete(job.originId)
      return
    }
  }
}

export function printRecord(job: PrintJob): PrintRecord {
  return {
    printId: job.printId,
    originId: job.originId,
    machineCode: job.machineCode,
    kind: job.kind,
    content: job.content,
    copies: job.copies,
    status: job.status,
    receivingTime: job.receivingTime,
    printTime: job.printTime,
    idempotence: job.idempotence,
    waitingFor: job.waitingFor,
    decision: job.decision,
    timesPrinted: job.timesPrinted,
    submissions: job.submissions,
  }
}
