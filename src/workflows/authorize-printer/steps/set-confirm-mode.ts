import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"

/**
 * Opens (confirm) or closes (auto) the device's accept/reject mode with printer/getorder.
 * Compensation sets it back.
 */
export const setConfirmModeStep = createStep(
  "yly-set-confirm-mode",
  async (input: { machine_code: string; mode: "auto" | "confirm"; previous?: "auto" | "confirm" }, { container }) => {
    if (input.previous === input.mode) return new StepResponse(undefined, null)
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly.withApi((api) => api.printer.getOrder(input.machine_code, input.mode === "confirm"))
    return new StepResponse(undefined, input.previous ? { machine_code: input.machine_code, mode: input.previous } : null)
  },
  async (restore, { container }) => {
    if (!restore) return
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    await yly
      .withApi((api) => api.printer.getOrder(restore.machine_code, restore.mode === "confirm"))
      .catch(() => undefined)
  }
)
