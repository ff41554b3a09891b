import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { applyPushWorkflow } from "../../apply-push"

/**
 * A push recorded and acknowledged but not applied — the process died in between, or while
 * applying it — is applied now.
 */
export const applyPendingPushesStep = createStep(
  "yly-apply-pending-pushes",
  async (input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const cutoff = new Date(new Date(input.now).getTime() - 30_000)
    const staleClaim = new Date(new Date(input.now).getTime() - 5 * 60_000)
    const pending = await yly.listPushEvents(
      {
        created_at: { $lte: cutoff },
        $or: [{ applied_at: null }, { outcome: null, applied_at: { $lte: staleClaim } }],
      } as any,
      {
        select: ["id"],
        take: 500,
        order: { created_at: "ASC" },
      }
    )
    for (const p of pending) await applyPushWorkflow(container).run({ input: { push_event_id: p.id } })
    return new StepResponse(pending.length)
  }
)
