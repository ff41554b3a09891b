import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

export type AddPrinterAtCloudInput = {
  machine_code: string
  msign: string
  phone?: string
  name?: string
}

/**
 * Binds the device to the app with printer/addprinter. `msign` goes to the cloud here and
 * nowhere else (never stored, never returned). Compensation unbinds it again.
 */
export const addPrinterAtCloudStep = createStep(
  "yly-add-printer-at-cloud",
  async (input: AddPrinterAtCloudInput, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.withApi((api) =>
      api.printer.add({
        machineCode: input.machine_code,
        msign: input.msign,
        phone: input.phone,
        printName: input.name,
      })
    )
    return new StepResponse(undefined, input.machine_code)
  },
  async (machineCode, { container }) => {
    if (!machineCode) return
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.withApi((api) => api.printer.delete(machineCode)).catch(() => undefined)
  }
)
