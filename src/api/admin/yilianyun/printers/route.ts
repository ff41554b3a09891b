import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../modules/yilianyun/service"
import { authorizePrinterWorkflow } from "../../../../workflows/authorize-printer"
import { handOverPrinterKey } from "../../../../workflows/authorize-printer/key-handoff"
import { printerDefaults } from "../../../../workflows/utils/printer-defaults"
import { answeringCloudErrors } from "../../../utils/cloud-errors"
import { assertPrinterTemplates } from "./check-templates"
import type { PostPrinterType } from "./validators"

/** GET /admin/yilianyun/printers */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const printers = await yly.listPrinters({}, { order: { created_at: "ASC" } })
  res.json({ printers })
}

/** POST /admin/yilianyun/printers — authorize a device (machine code + key) and bind it. */
export async function POST(req: AuthenticatedMedusaRequest<PostPrinterType>, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const input = req.validatedBody
  const [existing] = await yly.listPrinters({ machine_code: input.machine_code })
  if (existing) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Printer ${input.machine_code} is already bound as "${existing.name}" (${existing.id}).`
    )
  }
  // before the device is bound at the cloud: a bad template name leaves nothing behind
  await assertPrinterTemplates(yly, printerDefaults(input))
  const { msign, ...settings } = input
  const result = await answeringCloudErrors(res, () =>
    authorizePrinterWorkflow(req.scope).run({ input: { ...(settings as any), msign_ref: handOverPrinterKey(msign) } })
  )
  if (result) res.status(201).json({ printer: result.result })
}
