import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { applyPush } from "../../apply-push/steps/apply-push"

/**
 * A push recorded and acknowledged but not applied — the process died in between, or while
 * applying it — is applied now, and so is a finish or decision push that came before the sender
 * recorded its print id. One that fails to apply is logged and left for the next pass.
 */
export const applyPendingPushesStep = createStep(
  "yly-apply-pending-pushes",
  async (input: { now: Date }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const cutoff = new Date(new Date(input.now).getTime() - 30_000)
    const staleClaim = new Date(new Date(input.now).getTime() - 5 * 60_000)
    const reopened = await yly.reopenPushesForKnownPrints(new Date(input.now))
    if (reopened) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .info(`yilianyun: ${reopened} push(es) that came before their print id was recorded are applied now.`)
    }
    const pending = await yly.listPushEvents(
      {
        created_at: { $lte: cutoff },
        $or: [{ applied_at: null }, { outcome: null, applied_at: { $lte: staleClaim } }],
      },
      { select: ["id"], take: 500, order: { created_at: "ASC" } }
    )
    let applied = 0
    for (const p of pending) {
      try {
        await applyPush(container, p.id)
        applied++
      } catch (e) {
        container.resolve(ContainerRegistrationKeys.LOGGER).error(`yilianyun: applying push ${p.id} failed: ${(e as Error).message}`)
      }
    }
    return new StepResponse(applied)
  }
)
