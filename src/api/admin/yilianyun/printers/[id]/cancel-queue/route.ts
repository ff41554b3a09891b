import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cancelPrinterQueueWorkflow } from "../../../../../../workflows/cancel-printer-queue"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, ylyOf } from "../../../helpers"

/**
 * POST /admin/yilianyun/printers/:id/cancel-queue — cancels everything this printer has not
 * printed yet, at the cloud (printer/cancelall) and in the ledger (cancelPrinterQueueWorkflow).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  assertConfigured(ylyOf(req.scope))
  const run = await answeringCloudErrors(res, () => cancelPrinterQueueWorkflow(req.scope).run({ input: { id: req.params.id } }))
  if (!run) return
  res.json(run.result)
}
