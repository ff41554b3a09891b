import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refreshOrderPrintMetadata } from "../../utils/refresh-order-metadata"

export const refreshOrderMetadataStep = createStep(
  "yly-refresh-order-metadata",
  async (input: { order_ids: string[] }, { container }) => {
    for (const id of new Set(input.order_ids)) await refreshOrderPrintMetadata(container, id)
    return new StepResponse(undefined)
  }
)
