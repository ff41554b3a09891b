import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { YilianyunEvents } from "../workflows/events"
import { notifyPrintFailedWorkflow, PrintFailedNotice } from "../workflows/notify-admin"

/** Tells the admin's notification feed when a print job fails for good (yilianyun.print_failed). */
export default async function yilianyunNotifyPrintFailed({ event: { data }, container }: SubscriberArgs<PrintFailedNotice>) {
  await notifyPrintFailedWorkflow(container).run({ input: data })
}

export const config: SubscriberConfig = {
  event: YilianyunEvents.PRINT_FAILED,
  context: { subscriberId: "yilianyun-admin-notify-print-failed" },
}
