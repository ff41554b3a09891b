import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { YilianyunError } from "../../yilianyun"
import { OPEN_JOB_STATUSES } from "../cancel-order-prints"
import { loadPrinterStep } from "../update-printer/steps/load-printer"
import { sendJobs } from "../utils/send-job"

/** Codes meaning "this app has no binding for that device": the unbinding already holds. */
const NOT_BOUND_CODES = new Set([8, 10])

const unbindAtCloudStep = createStep(
  "yly-unbind-printer-at-cloud",
  async (input: { machine_code: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    try {
      await yly.withApi((api) => api.printer.delete(input.machine_code))
    } catch (e) {
      if (!(e instanceof YilianyunError && e.v1Code !== null && NOT_BOUND_CODES.has(e.v1Code))) throw e
    }
    return new StepResponse(undefined)
  }
)

const removePrinterStep = createStep(
  "yly-remove-printer",
  async (input: { id: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.softDeletePrinters(input.id)
    // Unbound at the cloud, its queue went with the binding: nothing of it prints any more.
    const open = await yly.listPrintJobs({ printer_id: input.id, status: OPEN_JOB_STATUSES }, { select: ["id"] })
    const requested = await yly.ledger.requestCancel(open.map((j) => j.id), "The printer was removed.")
    const left = requested.filter((r) => r.to_withdraw > 0 && !r.claimed).map((r) => r.job_id)
    if (left.length) await sendJobs(container, left)
    return new StepResponse(undefined, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.restorePrinters(id)
  }
)

/** Unbinds the device at the cloud (printer/deleteprinter) and removes the binding. */
export const deletePrinterWorkflow = createWorkflow("yly-delete-printer", (input: { id: string }) => {
  const printer = loadPrinterStep(input)
  unbindAtCloudStep(transform({ printer }, ({ printer }) => ({ machine_code: printer.machine_code })))
  removePrinterStep(input)
  return new WorkflowResponse(undefined)
})
