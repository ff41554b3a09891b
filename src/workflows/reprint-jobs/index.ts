import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { makePrintJobs } from "../print-order/steps/create-print-jobs"
import { loadOrderForPrint } from "../print-order/steps/load-order-for-print"
import { refreshOrderMetadataStep } from "../print-order/steps/refresh-order-metadata"
import { ReplaceRefusedError, withdrawForReplace } from "../utils/print-sender"
import { sendJobs } from "../utils/send-job"
import { planReprintsStep, ReprintPlan } from "./steps/plan-reprints"

export type ReprintJobsInput = {
  /** retry these jobs, each as a reprint of it (bulk retry) */
  job_ids?: string[] | null
  /** or reprint this order: on this printer (with this template), else on every printer that printed it */
  order_id?: string | null
  printer_id?: string | null
  template?: string | null
}

export type ReprintOutcome = {
  /** the reprints created and sent, each with the job it repeats */
  reprinted: { reprint_of: string; reprint_id: string }[]
  /** originals still queued at the cloud that could not be withdrawn safely: not reprinted */
  refused: { job_id: string; reason: string }[]
}

/** Creates each reprint job (not sent yet); compensation removes them again. */
const createReprintJobsStep = createStep(
  "yly-create-reprint-jobs",
  async (input: { plans: ReprintPlan[] }, { container }) => {
    const created: { plan: ReprintPlan; reprint_id: string }[] = []
    for (const plan of input.plans) {
      const loaded = await loadOrderForPrint(container, { order_id: plan.order_id, fulfillment_id: plan.fulfillment_id })
      const { job_ids } = await makePrintJobs(container, {
        loaded,
        trigger: plan.trigger,
        requested_by: "admin",
        reprint: { printer_id: plan.printer_id, template: plan.template, reprint_of: plan.reprint_of, job_id: plan.reprint_id },
      })
      if (job_ids[0]) created.push({ plan, reprint_id: job_ids[0] })
    }
    return new StepResponse(created, created.map((c) => c.reprint_id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<YilianyunModuleService>(YILIANYUN_MODULE).ledger.discardUnsent(ids)
  }
)

/**
 * An original that may still print (waiting, or queued at the cloud with the printer offline) is
 * withdrawn before its reprint is sent, so the two never both print. One that cannot be
 * withdrawn safely is refused, and its reprint removed; the others go ahead.
 */
const replaceOriginalsStep = createStep(
  "yly-replace-originals",
  async (input: { created: { plan: ReprintPlan; reprint_id: string }[] }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const keep: { reprint_of: string; reprint_id: string }[] = []
    const refused: { job_id: string; reason: string }[] = []
    for (const { plan, reprint_id } of input.created) {
      const original = plan.replaces
      if (original && plan.withdraw) {
        try {
          await withdrawForReplace(yly, original, reprint_id)
        } catch (e) {
          // never thrown on: an original withdrawn earlier in this loop must still get its reprint
          const reason =
            e instanceof ReplaceRefusedError
              ? e.message
              : `Job ${original} could not be withdrawn (${(e as Error).message}); it is not sent again — try the reprint again in a minute.`
          refused.push({ job_id: original, reason })
          await yly.ledger.discardUnsent([reprint_id])
          await yly.ledger.releaseReplacement(original, reprint_id)
          continue
        }
      }
      keep.push({ reprint_of: plan.reprint_of, reprint_id })
    }
    return new StepResponse<ReprintOutcome>({ reprinted: keep, refused })
  }
)

const sendReprintsStep = createStep("yly-send-reprints", async (input: { outcome: ReprintOutcome }, { container }) => {
  await sendJobs(container, input.outcome.reprinted.map((r) => r.reprint_id))
  return new StepResponse(undefined)
})

/**
 * A merchant's reprint or bulk retry: plan (everything is checked before anything prints: an
 * unknown job 404, a job already retried 409, a printer removed 400) → create the reprint jobs →
 * withdraw the originals that could still print → send the reprints → rebuild the orders'
 * metadata. Each reprint points at the job it repeats and is marked REPRINT on paper.
 */
export const reprintJobsWorkflow = createWorkflow("yly-reprint-jobs", (input: ReprintJobsInput) => {
  const plans = planReprintsStep(input)
  const created = createReprintJobsStep(transform({ plans }, ({ plans }) => ({ plans })))
  const outcome = replaceOriginalsStep(transform({ created }, ({ created }) => ({ created })))
  sendReprintsStep(transform({ outcome }, ({ outcome }) => ({ outcome })))
  refreshOrderMetadataStep(transform({ plans }, ({ plans }) => ({ order_ids: plans.map((p) => p.order_id) })))
  return new WorkflowResponse(outcome)
})
