import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

/**
 * Reads the device's firmware with printer/getversion and keeps it on the printer: it decides
 * whether the model prints the voice tags (<VN> on a K4 from a8.5.0). Best effort — a printer
 * that does not answer (offline) keeps no firmware and gets no voice tag until it is read again.
 */
export const readFirmwareStep = createStep(
  "yly-read-firmware",
  async (input: { id: string; machine_code: string }, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    try {
      const version = await yly.withApi((api) => api.printer.getVersion(input.machine_code))
      if (version.hardware) await yly.updatePrinters({ id: input.id, firmware: version.hardware })
      return new StepResponse(version.hardware || null)
    } catch (e) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .info(`yilianyun: could not read the firmware of printer ${input.machine_code} yet (${(e as Error).message})`)
      return new StepResponse(null)
    }
  }
)
