import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshOrderPrintMetadata } from "../../utils/refresh-order-metadata"

/**
 * Rebuilds `metadata.yilianyun` of each order from the module's data (see refreshOrderPrintMetadata).
 * It is derived data: a rebuild that fails is logged and done again by the next change or pass,
 * and never fails the work (a print, a reconcile pass) that asked for it.
 */
export const refreshOrderMetadataStep = createStep(
  "yly-refresh-order-metadata",
  async (input: { order_ids: string[] }, { container }) => {
    const ids = [...new Set(input.order_ids)]
    const results = await Promise.allSettled(ids.map((id) => refreshOrderPrintMetadata(container, id)))
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [`${ids[i]}: ${(r.reason as Error)?.message ?? r.reason}`] : []))
    if (failed.length) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`yilianyun: order metadata not rebuilt yet (${failed.join("; ")})`)
    }
    return new StepResponse(ids.length - failed.length)
  }
)
