import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { takePrinterKey } from "../key-handoff"

export type AddPrinterAtCloudInput = {
  machine_code: string
  /** the key handed over with handOverPrinterKey */
  msign_ref: string
  phone?: string
  name?: string
}

/**
 * Binds the device to the app with printer/addprinter. The key (msign) is taken from memory here
 * and goes to the cloud and nowhere else: never in the workflow's input, never stored, never
 * returned. Compensation unbinds it again.
 */
export const addPrinterAtCloudStep = createStep(
  "yly-add-printer-at-cloud",
  async (input: AddPrinterAtCloudInput, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const msign = takePrinterKey(input.msign_ref)
    if (!msign) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Invalid request: Field 'msign' was not received (or it expired) — enter the printer's key again."
      )
    }
    await yly.withApi((api) =>
      api.printer.add({
        machineCode: input.machine_code,
        msign,
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
