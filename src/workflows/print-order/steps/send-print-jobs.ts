import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import type { JobOutcome } from "../../utils/print-sender"
import { sendJobs } from "../../utils/send-job"

/** Sends the jobs: each printer's in order, a few printers at a time, each job claimed first. */
export const sendPrintJobsStep = createStep(
  "yly-send-print-jobs",
  async (input: { job_ids: string[] }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    if (!yly.isConfigured() || !input.job_ids.length) {
      return new StepResponse({} as Record<string, JobOutcome>)
    }
    return new StepResponse(await sendJobs(container, input.job_ids))
  }
)
