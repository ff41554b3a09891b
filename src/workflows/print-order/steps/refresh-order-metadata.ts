import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshOrderPrintMetadata } from "../../utils/refresh-order-metadata"

export const refreshOrderMetadataStep = createStep(
  "yly-refresh-order-metadata",
  async (input: { order_ids: string[]; pickup_number?: number | null }, { container }) => {
    const patch = input.pickup_number ? { pickup_number: input.pickup_number } : undefined
    for (const id of new Set(input.order_ids)) await refreshOrderPrintMetadata(container, id, patch)
    return new StepResponse(undefined)
  }
)
