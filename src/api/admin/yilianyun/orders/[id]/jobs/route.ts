import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadOrder, OrderSummary, presentJob, reprintsOf, ylyOf } from "../../../helpers"

/**
 * GET /admin/yilianyun/orders/:id/jobs — the order's print jobs, newest first, with their printer,
 * parts and the reprint that replaced each; plus the order's derived `metadata.yilianyun` (status,
 * accept/reject decision).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const order = await loadOrder<OrderSummary & { metadata: { yilianyun?: unknown } | null }>(req.scope, req.params.id, [
    "id",
    "display_id",
    "metadata",
  ])
  const jobs = await yly.listPrintJobs({ order_id: order.id }, { relations: ["printer", "parts"], order: { created_at: "DESC" } })
  const replaced = await reprintsOf(yly, jobs.map((j) => j.id))
  res.json({
    order: { id: order.id, display_id: order.display_id },
    summary: order.metadata?.yilianyun ?? null,
    jobs: jobs.map((j) => presentJob(j, { display_id: order.display_id, reprinted_by: replaced[j.id] ?? null })),
  })
}
