import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runReprint } from "../../../reprint-answer"
import { assertConfigured, ylyOf } from "../../../helpers"
import type { PostOrderPrintType } from "../../../validators"

/**
 * POST /admin/yilianyun/orders/:id/print `{ printer_id?, template? }` — reprints the order,
 * marked 补打 / REPRINT on paper, through reprintJobsWorkflow: with a printer, that printer
 * (template: the one asked, else the one it last printed for this order, else its order.placed
 * template); without, every printer that printed the order, with the template each printed. A
 * print of the order still queued on that printer (offline, say) is withdrawn first, so only the
 * reprint comes out.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostOrderPrintType>, res: MedusaResponse) {
  assertConfigured(ylyOf(req.scope))
  const body = req.validatedBody
  await runReprint(
    req.scope,
    res,
    { order_id: req.params.id, printer_id: body.printer_id ?? null, template: body.template ?? null },
    201,
    "jobs"
  )
}
