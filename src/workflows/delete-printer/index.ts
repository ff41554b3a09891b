import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../modules/yilianyun"
import type YilianyunModuleService from "../../modules/yilianyun/service"
import { YilianyunError } from "../../yilianyun"
import { loadPrinterStep } from "../update-printer/steps/load-printer"

/** Codes meaning "this app has no binding for that device": the unbinding already holds. */
const NOT_BOUND_CODES = new Set([8, 10])

const unbindAtCloudStep = createStep(
  "yly-unbind-printer-at-cloud",
  async (input: { machine_code: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    try {
      await yly.withApi((api) => api.printer.delete(input.machine_code))
    } catch (e) {
      if (!(e instanceof YilianyunError && e.code !== null && NOT_BOUND_CODES.has(Number(e.code)))) throw e
    }
    return new StepResponse(undefined)
  }
)

const removePrinterStep = createStep(
  "yly-remove-printer",
  async (input: { id: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.cancelOpenJobsOfPrinter(input.id, "The printer was removed.")
    await yly.softDeletePrinters(input.id)
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
