import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { YilianyunEvents } from "../workflows/events"
import { notifyPrinterStatusWorkflow, PrinterStatusNotice } from "../workflows/notify-admin"

/** Tells the admin's notification feed when a printer goes offline or runs out of paper with jobs waiting. */
export default async function yilianyunNotifyPrinterStatus({ event: { data }, container }: SubscriberArgs<PrinterStatusNotice>) {
  await notifyPrinterStatusWorkflow(container).run({ input: data })
}

export const config: SubscriberConfig = {
  event: YilianyunEvents.PRINTER_STATUS_CHANGED,
  context: { subscriberId: "yilianyun-admin-notify-printer-status" },
}
