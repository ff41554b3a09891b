import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { PrinterSettingsInput } from "../../utils/printer-defaults"

export const updatePrinterStep = createStep(
  "yly-update-printer",
  async (input: { id: string; update: PrinterSettingsInput }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const before = await yly.retrievePrinter(input.id)
    const keys = Object.keys(input.update) as (keyof PrinterSettingsInput)[]
    const previous = Object.fromEntries(keys.map((k) => [k, before[k as keyof typeof before]]))
    const update = { ...input.update } as Record<string, unknown>
    if (typeof update.model === "string") update.model = update.model.toUpperCase()
    const printer = await yly.updatePrinters({ id: input.id, ...update })
    return new StepResponse(printer, { id: input.id, previous })
  },
  async (restore, { container }) => {
    if (!restore) return
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.updatePrinters({ id: restore.id, ...restore.previous })
  }
)
