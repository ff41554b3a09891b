import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { YilianyunEvents } from "../events"

export type PrintFailedNotice = { order_id: string; job_id: string; printer_id: string; reason: string | null }

export type PrinterStatusNotice = {
  printer_id: string
  machine_code: string
  status: "online" | "offline" | "paper_out"
  previous: string | null
  waiting_jobs: number
}

/** The admin feed entry for a print job that failed for good. */
export function printFailedNotice(e: PrintFailedNotice, order: string, printerName: string) {
  return {
    title: `打印失败 · Order ${order} did not print on ${printerName}`,
    description:
      `${e.reason ?? "The printer cloud refused the print."} ` +
      `Retry it from Settings → Yilianyun → Jobs, or reprint from the order. 可在“设置 → 易联云 → 打印任务”中重试。`,
  }
}

/** The admin feed entry for a printer that stopped with jobs waiting; null when there is nothing to say. */
export function printerTroubleNotice(e: PrinterStatusNotice, printerName: string) {
  if (e.status === e.previous || e.waiting_jobs <= 0) return null
  if (e.status !== "offline" && e.status !== "paper_out") return null
  const jobs = `${e.waiting_jobs} job${e.waiting_jobs === 1 ? "" : "s"}`
  const offline = e.status === "offline"
  return {
    title: offline ? `打印机离线 · Printer ${printerName} is offline` : `打印机缺纸 · Printer ${printerName} is out of paper`,
    description: offline
      ? `${jobs} waiting (${e.waiting_jobs} 单待打印). Check its power and network; they print when it reconnects. ` +
        `打印机 ${e.machine_code} 已离线，请检查电源和网络，恢复后会继续打印。`
      : `${jobs} waiting (${e.waiting_jobs} 单待打印). Load a new paper roll; they print right after. ` +
        `打印机 ${e.machine_code} 缺纸，换纸后会继续打印。`,
  }
}

type FeedEntry = {
  data: { title: string; description: string }
  trigger_type: string
  resource_id: string
  resource_type: string
  idempotency_key: string
}

/**
 * Adds one entry to the admin's notification feed. The idempotency key makes a re-delivered event
 * add nothing; a feed that cannot be written is logged, never fails the event.
 */
const addFeedEntryStep = createStep("yly-add-feed-entry", async (input: FeedEntry | null, { container }) => {
  if (!input) return new StepResponse(false)
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({ to: "", channel: "feed", template: "admin-ui", ...input })
    return new StepResponse(true)
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`yilianyun: could not add the admin notification: ${(e as Error).message}`)
    return new StepResponse(false)
  }
})

const printFailedEntryStep = createStep("yly-print-failed-entry", async (input: PrintFailedNotice, { container }) => {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [printer] = await yly.listPrinters({ id: input.printer_id }, { withDeleted: true })
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: input.order_id } })
  const entry: FeedEntry = {
    data: printFailedNotice(input, order ? `#${order.display_id}` : input.order_id, printer?.name ?? input.printer_id),
    trigger_type: YilianyunEvents.PRINT_FAILED,
    resource_id: input.order_id,
    resource_type: "order",
    idempotency_key: `yilianyun:print-failed:${input.job_id}`,
  }
  return new StepResponse(entry)
})

const printerTroubleEntryStep = createStep("yly-printer-trouble-entry", async (input: PrinterStatusNotice, { container }) => {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const [printer] = await yly.listPrinters({ id: input.printer_id })
  const notice = printerTroubleNotice(input, printer?.name ?? input.machine_code)
  if (!notice) return new StepResponse(null as FeedEntry | null)
  return new StepResponse<FeedEntry | null>({
    data: notice,
    trigger_type: YilianyunEvents.PRINTER_STATUS_CHANGED,
    resource_id: input.printer_id,
    resource_type: "yilianyun_printer",
    // one entry per printer, state and minute, however often the event is delivered
    idempotency_key: `yilianyun:printer:${input.printer_id}:${input.status}:${Math.floor(Date.now() / 60_000)}`,
  })
})

/** yilianyun.print_failed → an entry in the admin's notification feed. */
export const notifyPrintFailedWorkflow = createWorkflow("yly-notify-print-failed", (input: PrintFailedNotice) => {
  return new WorkflowResponse(addFeedEntryStep(printFailedEntryStep(input)))
})

/** yilianyun.printer_status_changed → an entry when a printer stopped with jobs waiting. */
export const notifyPrinterStatusWorkflow = createWorkflow("yly-notify-printer-status", (input: PrinterStatusNotice) => {
  return new WorkflowResponse(addFeedEntryStep(printerTroubleEntryStep(input)))
})
