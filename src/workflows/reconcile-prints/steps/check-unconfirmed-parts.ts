import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { guarded } from "../guarded"

/** Parts asked about per pass, and at once. */
const PARTS_PER_PASS = 200
const CONCURRENCY = 4

/**
 * Parts sent but not confirmed by a finish push within the configured minutes are asked about
 * with printer/getorderstatus, least recently asked first: printed → settled; canceled at the
 * cloud → withdrawn; still queued (printer offline, say) → asked again later. Parts of a removed
 * printer are settled as withdrawn: its queue went with the binding.
 */
export const checkUnconfirmedPartsStep = createStep(
  "yly-check-unconfirmed-parts",
  async (input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured()) return new StepResponse([] as string[])
    const after = yly.getOptions().reconcile.unconfirmedAfterMinutes * 60_000
    const parts = await guarded(container, "listing unconfirmed prints", [] as Awaited<ReturnType<typeof yly.listUnconfirmedParts>>, () =>
      yly.listUnconfirmedParts(new Date(new Date(input.now).getTime() - after), PARTS_PER_PASS)
    )
    const orders = new Set<string>()
    let next = 0
    const worker = async () => {
      while (next < parts.length) {
        const part = parts[next++]
        try {
          if (part.printer_removed) {
            if (await yly.ledger.markWithdrawn(part.id, "The printer was removed.")) orders.add(part.order_id)
            continue
          }
          if (!part.print_id) continue
          const res = await yly.withApi((api) => api.printer.getOrderStatus(part.machine_code, part.print_id!))
          if (res.status === "printed") {
            if (await yly.ledger.settlePrinted(part.id, new Date())) orders.add(part.order_id)
          } else if (res.status === "canceled") {
            if (await yly.ledger.markWithdrawn(part.id, "Canceled at the cloud.")) orders.add(part.order_id)
          } else {
            await yly.ledger.noteChecked([part.id])
          }
        } catch (e) {
          await yly.ledger.noteChecked([part.id], (e as Error).message).catch(() => undefined)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    return new StepResponse([...orders])
  }
)
