import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { PrinterSettingsInput, printerDefaults } from "../../utils/printer-defaults"

export const createPrinterStep = createStep(
  "yly-create-printer",
  async (input: PrinterSettingsInput & { machine_code: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    // json columns are typed as records; arrays are what they hold here
    const printer = await yly.createPrinters({
      ...printerDefaults(input),
      machine_code: input.machine_code,
      bound_at: new Date(),
    } as any)
    return new StepResponse(printer, printer.id)
  },
  async (id, { container }) => {
    if (!id) return
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.deletePrinters(id)
  }
)
