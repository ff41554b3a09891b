import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

/**
 * Parts sent but never confirmed by a finish push within the configured minutes are asked about
 * with printer/getorderstatus: printed → recorded; canceled at the cloud → recorded; still queued
 * (printer offline, say) → left as sent and asked again later.
 */
export const checkUnconfirmedPartsStep = createStep(
  "yly-check-unconfirmed-parts",
  async (input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured()) return new StepResponse([] as string[])
    const after = yly.getOptions().reconcile.unconfirmedAfterMinutes * 60_000
    const cutoff = new Date(new Date(input.now).getTime() - after)
    const parts = await yly.listPrintParts({ status: ["sent"], sent_at: { $lte: cutoff } } as any, {
      relations: ["job", "job.printer"],
      take: 200,
      order: { sent_at: "ASC" },
    })
    const stale = parts.filter((p: any) => !p.last_checked_at || new Date(p.last_checked_at) <= cutoff)
    const printed: { id: string; printed_at: Date }[] = []
    const canceled: string[] = []
    for (const part of stale as any[]) {
      const machineCode = part.job?.printer?.machine_code
      if (!machineCode || !part.print_id) continue
      try {
        const res = await yly.withApi((api) => api.printer.getOrderStatus(machineCode, part.print_id))
        if (res.status === "printed") printed.push({ id: part.id, printed_at: new Date() })
        else if (res.status === "canceled") canceled.push(part.id)
        else await yly.updatePrintParts({ id: part.id, last_checked_at: new Date() })
      } catch (e) {
        await yly.updatePrintParts({ id: part.id, last_checked_at: new Date(), last_error: (e as Error).message })
      }
    }
    const orders = await yly.markPartsPrinted(printed)
    if (canceled.length) {
      await yly.updatePrintParts(canceled.map((id) => ({ id, status: "canceled" as const })))
      orders.push(...(await yly.settleJobsOfParts(canceled)))
    }
    return new StepResponse(orders)
  }
)
