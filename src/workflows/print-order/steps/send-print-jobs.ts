import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { sendJob, SendOutcome } from "../../utils/send-job"

/** Sends the jobs, different printers in parallel; each job's parts in order. */
export const sendPrintJobsStep = createStep(
  "yly-send-print-jobs",
  async (input: { job_ids: string[] }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured() || !input.job_ids.length) {
      return new StepResponse({} as Record<string, SendOutcome>)
    }
    const outcomes = await Promise.all(input.job_ids.map(async (id) => [id, await sendJob(yly, id)] as const))
    return new StepResponse(Object.fromEntries(outcomes))
  }
)
