import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { refreshOrderMetadataStep } from "../print-order/steps/refresh-order-metadata"
import { applyPendingPushesStep } from "./steps/apply-pending-pushes"
import { checkUnconfirmedPartsStep } from "./steps/check-unconfirmed-parts"
import { printMissedOrdersStep } from "./steps/print-missed-orders"
import { pruneHistoryStep } from "./steps/prune-history"
import { resendPendingJobsStep } from "./steps/resend-pending-jobs"

/**
 * Catches what events missed (design §3): pushes recorded but not applied, jobs stuck pending,
 * sent parts with no finish push, orders with no job; then prunes old history. The scheduled job runs it; tests call it directly.
 */
export const reconcilePrintsWorkflow = createWorkflow("yly-reconcile-prints", (input: { now?: Date }) => {
  const at = transform({ input }, ({ input }) => ({ now: input.now ?? new Date() }))
  const pushes = applyPendingPushesStep(at)
  const resent = resendPendingJobsStep(at)
  const checked = checkUnconfirmedPartsStep(at)
  const missed = printMissedOrdersStep(at)
  const pruned = pruneHistoryStep(at)
  refreshOrderMetadataStep(
    transform({ resent, checked, missed }, ({ resent, checked, missed }) => ({
      order_ids: [...resent, ...checked, ...missed.failed, ...missed.withdrawn],
    }))
  )
  return new WorkflowResponse({ pushes, resent, checked, missed, pruned })
})
