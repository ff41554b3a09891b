import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { YilianyunError } from "../../../../../../yilianyun"
import { refreshOrderPrintMetadata } from "../../../../../../workflows/utils/refresh-order-metadata"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"

/** the cloud's "nothing unprinted to cancel" */
const QUEUE_EMPTY = 24

/**
 * POST /admin/yilianyun/printers/:id/cancel-queue — cancels everything this printer has not
 * printed yet: at the cloud (printer/cancelall; an empty queue is not an error) and here (its
 * pending and sent jobs become canceled, the orders' print status is rebuilt). A job that had in
 * fact printed still turns printed when its finish push arrives.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const done = await answeringCloudErrors(res, async () => {
    try {
      await yly.withApi((api) => api.printer.cancelAll(printer.machine_code))
    } catch (e) {
      // Only with its v1 meaning: a v2 code 24 may mean something else (its table is a GAP).
      if (!(e instanceof YilianyunError && e.v1Code === QUEUE_EMPTY)) throw e
    }
    return true
  })
  if (!done) return

  const open: any[] = await yly.listPrintJobs({ printer_id: printer.id, status: ["pending", "sent"] } as any, {
    relations: ["parts"],
  })
  const reason = "Canceled from the admin: the printer's queue was cleared."
  if (open.length) {
    const now = new Date()
    const parts = open.flatMap((j) => (j.parts ?? []).filter((p: any) => p.status === "pending" || p.status === "sent"))
    if (parts.length) {
      await yly.updatePrintParts(parts.map((p: any) => ({ id: p.id, status: "canceled" as const, last_error: reason })))
    }
    await yly.updatePrintJobs(open.map((j) => ({ id: j.id, status: "canceled" as const, canceled_at: now, last_error: reason })))
    for (const orderId of new Set(open.map((j) => j.order_id as string))) {
      await refreshOrderPrintMetadata(req.scope, orderId)
    }
  }
  res.json({ printer_id: printer.id, canceled_jobs: open.length })
}
