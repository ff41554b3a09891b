import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

/** Finished jobs and push events past the retention period are removed. */
export const pruneHistoryStep = createStep("yly-prune-history", async (input: { now: Date }, { container }) => {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const cutoff = new Date(new Date(input.now).getTime() - yly.getOptions().retentionDays * 86_400_000)
  return new StepResponse(await yly.ledger.pruneBefore(cutoff))
})
