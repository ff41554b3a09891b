import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

export const loadPrinterStep = createStep(
  "yly-load-printer",
  async (input: { id: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const [printer] = await yly.listPrinters({ id: input.id })
    if (!printer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Printer ${input.id} was not found.`)
    }
    return new StepResponse(printer)
  }
)
