import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PrinterSettingsInput } from "../utils/printer-defaults"
import { addPrinterAtCloudStep } from "./steps/add-printer-at-cloud"
import { createPrinterStep } from "./steps/create-printer"
import { setConfirmModeStep } from "./steps/set-confirm-mode"

export type AuthorizePrinterInput = PrinterSettingsInput & {
  machine_code: string
  msign: string
  phone?: string
}

/**
 * Binds a device (printer/addprinter), stores the binding, and opens accept/reject mode when
 * asked. A cloud error leaves nothing stored; a later failure unbinds the device again.
 */
export const authorizePrinterWorkflow = createWorkflow(
  "yly-authorize-printer",
  (input: AuthorizePrinterInput) => {
    addPrinterAtCloudStep(
      transform({ input }, ({ input }) => ({
        machine_code: input.machine_code,
        msign: input.msign,
        phone: input.phone,
        name: input.name,
      }))
    )
    const settings = transform({ input }, ({ input }) => {
      const { msign: _msign, phone: _phone, ...rest } = input
      return rest
    })
    const printer = createPrinterStep(settings)
    when({ input }, ({ input }) => input.mode === "confirm").then(() => {
      setConfirmModeStep(
        transform({ input }, ({ input }) => ({
          machine_code: input.machine_code,
          mode: "confirm" as const,
          previous: "auto" as const,
        }))
      )
    })
    return new WorkflowResponse(printer)
  }
)
