import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { displayIdsOf, JobRow, presentJob, reprintsOf, STUCK_PENDING_MS, STUCK_SENT_MS, stuckReason, ylyOf } from "../helpers"
import type { GetJobsType } from "../validators"

/**
 * GET /admin/yilianyun/jobs?status=failed,stuck,pending,waiting,unknown[&printer_id=][&include_retried=true]
 * [&limit=50&offset=0] — jobs that need the merchant across all orders, newest first, each with
 * its printer, the order's display id and, for stuck ones, why. Default: failed and stuck, leaving
 * out the ones already retried (a reprint replaced them).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = req.validatedQuery as GetJobsType
  const yly = ylyOf(req.scope)
  const views = new Set(q.status ?? ["failed", "stuck"])
  const limit = q.limit ?? 50
  const offset = q.offset ?? 0
  const now = Date.now()
  const base: Record<string, unknown> = {}
  if (q.printer_id) base.printer_id = q.printer_id
  // a job a reprint replaced is dealt with
  if (!q.include_retried) base.replaced_by = null

  // Disjoint conditions, so the counts add up.
  const queued = ["pending", "sending", "waiting"]
  const conditions: Record<string, unknown>[] = []
  if (views.has("failed")) conditions.push({ ...base, status: "failed" })
  if (views.has("pending")) conditions.push({ ...base, status: queued })
  else if (views.has("waiting")) conditions.push({ ...base, status: "waiting" })
  else if (views.has("stuck")) conditions.push({ ...base, status: queued, created_at: { $lt: new Date(now - STUCK_PENDING_MS) } })
  if (views.has("unknown")) conditions.push({ ...base, status: "unknown" })
  else if (views.has("stuck")) conditions.push({ ...base, status: "unknown", created_at: { $lt: new Date(now - STUCK_PENDING_MS) } })
  if (views.has("stuck")) conditions.push({ ...base, status: "sent", sent_at: { $lt: new Date(now - STUCK_SENT_MS) } })

  let count = 0
  const found: JobRow[] = []
  for (const where of conditions) {
    const [rows, n] = await yly.listAndCountPrintJobs(where, {
      relations: ["printer"],
      order: { created_at: "DESC" },
      take: offset + limit,
    })
    count += n
    found.push(...rows)
  }
  const page = found
    .sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())
    .slice(offset, offset + limit)

  const [displayIds, reprinted] = await Promise.all([
    displayIdsOf(req.scope, page.map((j) => j.order_id)),
    q.include_retried ? reprintsOf(yly, page.map((j) => j.id)) : Promise.resolve({} as Record<string, string>),
  ])
  res.json({
    jobs: page.map((j) =>
      presentJob(j, { display_id: displayIds[j.order_id] ?? null, reprinted_by: reprinted[j.id] ?? null, stuck_reason: stuckReason(j, now) })
    ),
    count,
    limit,
    offset,
  })
}
