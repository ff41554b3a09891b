import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "node:crypto"
import { YILIANYUN_MODULE } from "../../../../../../modules/yilianyun"
import type YilianyunModuleService from "../../../../../../modules/yilianyun/service"
import { renderTestPage } from "../../../../../../workflows/utils/render-for-printer"
import { answeringCloudErrors, notFound } from "../../../../../utils/cloud-errors"

/** POST /admin/yilianyun/printers/:id/test — prints a self-test page with a width ruler. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = req.scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const [printer] = await yly.listPrinters({ id: req.params.id })
  if (!printer) notFound(`Printer ${req.params.id}`)
  const content = renderTestPage(printer, yly.getOptions().timezone)
  const originId = randomUUID().replace(/-/g, "")
  const result = await answeringCloudErrors(res, () =>
    yly.withApi((api) => api.print.text({ machineCode: printer.machine_code, content, originId }))
  )
  if (result) res.json({ print_id: result.id, origin_id: originId })
}
