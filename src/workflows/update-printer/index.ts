import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { setConfirmModeStep } from "../authorize-printer/steps/set-confirm-mode"
import { PrinterSettingsInput } from "../utils/printer-defaults"
import { loadPrinterStep } from "./steps/load-printer"
import { updatePrinterStep } from "./steps/update-printer"

export type UpdatePrinterInput = { id: string; update: PrinterSettingsInput }

/** Updates a binding; a mode change switches the device's accept/reject mode first. */
export const updatePrinterWorkflow = createWorkflow("yly-update-printer", (input: UpdatePrinterInput) => {
  const printer = loadPrinterStep(transform({ input }, ({ input }) => ({ id: input.id })))
  when({ input, printer }, ({ input, printer }) => !!input.update.mode && input.update.mode !== printer.mode).then(
    () => {
      setConfirmModeStep(
        transform({ input, printer }, ({ input, printer }) => ({
          machine_code: printer.machine_code,
          mode: input.update.mode!,
          previous: printer.mode as "auto" | "confirm",
        }))
      )
    }
  )
  const updated = updatePrinterStep(input)
  return new WorkflowResponse(updated)
})
