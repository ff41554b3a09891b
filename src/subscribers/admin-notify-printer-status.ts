import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../modules/yilianyun"
import type YilianyunModuleService from "../modules/yilianyun/service"
import { YilianyunEvents } from "../workflows/events"

type StatusChanged = {
  printer_id: string
  machine_code: string
  status: "online" | "offline" | "paper_out"
  previous: string | null
  waiting_jobs: number
}

/** The admin feed entry for a printer that stopped with jobs waiting; null when there is nothing to say. */
export function printerTroubleNotice(e: StatusChanged, printerName: string) {
  if (e.status === e.previous || e.waiting_jobs <= 0) return null
  if (e.status !== "offline" && e.status !== "paper_out") return null
  const jobs = `${e.waiting_jobs} job${e.waiting_jobs === 1 ? "" : "s"}`
  const offline = e.status === "offline"
  return {
    title: offline
      ? `打印机离线 · Printer ${printerName} is offline`
      : `打印机缺纸 · Printer ${printerName} is out of paper`,
    description: offline
      ? `${jobs} waiting (${e.waiting_jobs} 单待打印). Check its power and network; they print when it reconnects. ` +
        `打印机 ${e.machine_code} 已离线，请检查电源和网络，恢复后会继续打印。`
      : `${jobs} waiting (${e.waiting_jobs} 单待打印). Load a new paper roll; they print right after. ` +
        `打印机 ${e.machine_code} 缺纸，换纸后会继续打印。`,
  }
}

/** Tells the admin's notification feed when a printer goes offline or runs out of paper with jobs waiting. */
export default async function yilianyunNotifyPrinterStatus({ event: { data }, container }: SubscriberArgs<StatusChanged>) {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const [printer] = await yly.listPrinters({ id: data.printer_id })
  const notice = printerTroubleNotice(data, printer?.name ?? data.machine_code)
  if (!notice) return
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: notice,
      trigger_type: YilianyunEvents.PRINTER_STATUS_CHANGED,
      resource_id: data.printer_id,
      resource_type: "yilianyun_printer",
      // one entry per printer, state and minute, however often the event is delivered
      idempotency_key: `yilianyun:printer:${data.printer_id}:${data.status}:${Math.floor(Date.now() / 60_000)}`,
    })
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`yilianyun: could not add the admin notification: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: YilianyunEvents.PRINTER_STATUS_CHANGED,
  context: { subscriberId: "yilianyun-admin-notify-printer-status" },
}
