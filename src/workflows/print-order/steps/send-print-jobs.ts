import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { sendJobs, SendOutcome } from "../../utils/send-job"

/** Sends the jobs, different printers in parallel; each job's parts in order. */
export const sendPrintJobsStep = createStep(
  "yly-send-print-jobs",
  async (input: { job_ids: string[] }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured() || !input.job_ids.length) {
      return new StepResponse({} as Record<string, SendOutcome>)
    }
    return new StepResponse(await sendJobs(container, input.job_ids))
  }
)
