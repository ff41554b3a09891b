import { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PrinterSettingsInput } from "../utils/printer-defaults"
import { handOverPrinterKey } from "./key-handoff"
import { addPrinterAtCloudStep } from "./steps/add-printer-at-cloud"
import { createPrinterStep } from "./steps/create-printer"
import { readFirmwareStep } from "./steps/read-firmware"
import { setConfirmModeStep } from "./steps/set-confirm-mode"

export type AuthorizePrinterInput = PrinterSettingsInput & {
  machine_code: string
  /** from handOverPrinterKey(msign): the key itself never enters a workflow's input */
  msign_ref: string
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
        msign_ref: input.msign_ref,
        phone: input.phone,
        name: input.name,
      }))
    )
    const settings = transform({ input }, ({ input }) => {
      const { msign_ref: _ref, phone: _phone, ...rest } = input
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
    readFirmwareStep(transform({ printer }, ({ printer }) => ({ id: printer.id, machine_code: printer.machine_code })))
    return new WorkflowResponse(printer)
  }
)

/**
 * Binds a printer with its key: `authorizePrinter(container, { machine_code, msign, name, … })`.
 * The key is handed to the workflow's step in memory (handOverPrinterKey), never as input.
 */
export async function authorizePrinter(
  container: MedusaContainer,
  input: Omit<AuthorizePrinterInput, "msign_ref"> & { msign: string }
) {
  const { msign, ...rest } = input
  const { result } = await authorizePrinterWorkflow(container).run({ input: { ...rest, msign_ref: handOverPrinterKey(msign) } })
  return result
}
