import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { guarded } from "../guarded"

/** Finished jobs and push events past the retention period are removed. */
export const pruneHistoryStep = createStep("yly-prune-history", async (input: { now: Date }, { container }) => {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const cutoff = new Date(new Date(input.now).getTime() - yly.getOptions().retentionDays * 86_400_000)
  return new StepResponse(await guarded(container, "pruning history", { jobs: 0, push_events: 0 }, () => yly.ledger.pruneBefore(cutoff)))
})
