/** The order's `metadata.yilianyun`, derived from its print jobs (design §4), never accumulated. */
export type OrderPrintSummary = {
  status: "queued" | "sent" | "printed" | "failed" | "canceled"
  print_ids: string[]
  printed_at: string | null
  last_error: string | null
  decision?: "accepted" | "rejected"
  decided_at?: string
  /** why a rejection could not cancel the order, when rejectAction is "cancel" */
  decision_note?: string
  /** the daily pickup number printed large, when a printer prints one */
  pickup_number?: number
  jobs: number
  updated_at: string
}

export type JobForSummary = {
  id: string
  status: "pending" | "sent" | "printed" | "failed" | "canceled"
  reprint_of: string | null
  last_error: string | null
  printed_at: Date | string | null
  created_at: Date | string
  parts: { print_id: string | null }[]
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/**
 * One status for the order: a job replaced by a reprint no longer counts (its reprint does);
 * any live failure → failed; all printed → printed; any sent → sent; all canceled → canceled.
 * Decision fields come from the previous summary: pushes set them, jobs do not.
 */
export function summarizeOrderPrints(
  jobs: JobForSummary[],
  previous: Partial<OrderPrintSummary> | null | undefined,
  now = new Date()
): OrderPrintSummary | null {
  if (!jobs.length && !previous?.decision && !previous?.pickup_number) return null
  const replaced = new Set(jobs.map((j) => j.reprint_of).filter(Boolean) as string[])
  const live = jobs.filter((j) => !replaced.has(j.id))
  const statuses = new Set(live.map((j) => j.status))
  let status: OrderPrintSummary["status"] = "queued"
  if (statuses.has("failed")) status = "failed"
  else if (live.length && live.every((j) => j.status === "printed" || j.status === "canceled") && statuses.has("printed"))
    status = "printed"
  else if (live.length && live.every((j) => j.status === "canceled")) status = "canceled"
  else if (statuses.has("sent") || statuses.has("printed")) status = "sent"

  const printedAt = live
    .map((j) => (j.printed_at ? new Date(j.printed_at).getTime() : 0))
    .reduce((a, b) => Math.max(a, b), 0)
  const failing = [...live]
    .filter((j) => j.last_error && j.status !== "printed" && j.status !== "canceled")
    .sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())[0]

  const summary: OrderPrintSummary = {
    status,
    print_ids: jobs.flatMap((j) => j.parts.map((p) => p.print_id).filter((id): id is string => !!id)),
    printed_at: printedAt ? new Date(printedAt).toISOString() : null,
    last_error: failing?.last_error ?? null,
    jobs: jobs.length,
    updated_at: now.toISOString(),
  }
  if (previous?.pickup_number) summary.pickup_number = previous.pickup_number
  if (previous?.decision) {
    summary.decision = previous.decision
    if (previous.decided_at) summary.decided_at = iso(previous.decided_at) ?? undefined
    if (previous.decision_note) summary.decision_note = previous.decision_note
  }
  return summary
}
