import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"

/** GET /admin/yilianyun/printers/:id/print-info — the paper width the device reports, and its version. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const info = await answeringCloudErrors(res, () => yly.withApi((api) => api.printer.printInfo(printer.machine_code)))
  if (!info) return
  const reported = info.printWidth ?? null
  res.json({
    printer_id: printer.id,
    print_width: reported,
    version: info.version ?? null,
    configured_width: printer.paper_width,
    matches: reported === null ? null : reported === printer.paper_width,
  })
}
