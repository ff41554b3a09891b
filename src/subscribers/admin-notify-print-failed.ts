import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../modules/yilianyun"
import type YilianyunModuleService from "../modules/yilianyun/service"
import { YilianyunEvents } from "../workflows/events"

type PrintFailed = { order_id: string; job_id: string; printer_id: string; reason: string | null }

/** The admin feed entry for a print job that failed for good. */
export function printFailedNotice(e: PrintFailed, order: string, printerName: string) {
  return {
    title: `打印失败 · Order ${order} did not print on ${printerName}`,
    description:
      `${e.reason ?? "The printer cloud refused the print."} ` +
      `Retry it from Settings → Yilianyun → Jobs, or reprint from the order. 可在“设置 → 易联云 → 打印任务”中重试。`,
  }
}

/** Tells the admin's notification feed when a print job fails for good (yilianyun.print_failed). */
export default async function yilianyunNotifyPrintFailed({ event: { data }, container }: SubscriberArgs<PrintFailed>) {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [printer] = await yly.listPrinters({ id: data.printer_id })
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: data.order_id } })
  const notice = printFailedNotice(data, order ? `#${order.display_id}` : data.order_id, printer?.name ?? data.printer_id)
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications({
      to: "",
      channel: "feed",
      template: "admin-ui",
      data: notice,
      trigger_type: YilianyunEvents.PRINT_FAILED,
      resource_id: data.order_id,
      resource_type: "order",
      idempotency_key: `yilianyun:print-failed:${data.job_id}`,
    })
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`yilianyun: could not add the admin notification: ${(e as Error).message}`)
  }
}

export const config: SubscriberConfig = {
  event: YilianyunEvents.PRINT_FAILED,
  context: { subscriberId: "yilianyun-admin-notify-print-failed" },
}
