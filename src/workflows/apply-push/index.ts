import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyPushStep } from "./steps/apply-push"

/** Applies one recorded Yilianyun push. The hook route runs it after acknowledging. */
export const applyPushWorkflow = createWorkflow("yly-apply-push", (input: { push_event_id: string }) => {
  return new WorkflowResponse(applyPushStep(input))
})
