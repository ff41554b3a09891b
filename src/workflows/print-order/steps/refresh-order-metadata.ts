import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshOrderPrintMetadata } from "../../utils/refresh-order-metadata"

/** Rebuilds `metadata.yilianyun` of each order from the module's data (see refreshOrderPrintMetadata). */
export const refreshOrderMetadataStep = createStep(
  "yly-refresh-order-metadata",
  async (input: { order_ids: string[] }, { container }) => {
    await Promise.all([...new Set(input.order_ids)].map((id) => refreshOrderPrintMetadata(container, id)))
    return new StepResponse(undefined)
  }
)
