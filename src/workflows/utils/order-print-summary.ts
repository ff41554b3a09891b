import type { PrintStatus } from "../../modules/yilianyun/statuses"

/** The order's `metadata.yilianyun`, derived from its print jobs (design §4), never accumulated. */
export type OrderPrintSummary = {
  status: "queued" | "sent" | "printed" | "failed" | "canceled"
  print_ids: string[]
  printed_at: string | null
  last_error: string | null
  /** the order's accept/reject, from the jobs that asked the device (see `summarizeDecision`) */
  decision?: "accepted" | "rejected"
  decided_at?: string
  /** what came of a rejection when rejectAction is "cancel" */
  decision_note?: string
  /** the daily pickup number printed large, when a printer prints one */
  pickup_number?: number
  jobs: number
  updated_at: string
}

export type JobForSummary = {
  id: string
  status: PrintStatus
  reprint_of: string | null
  replaced_by?: string | null
  last_error: string | null
  printed_at: Date | string | null
  created_at: Date | string
  asks_decision?: boolean
  decision?: "accepted" | "rejected" | null
  decided_at?: Date | string | null
  decision_note?: string | null
  parts: { print_id: string | null }[]
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** The metadata status of one job: the five public values (design §4) over the ledger's eight. */
export function publicStatus(status: PrintStatus): OrderPrintSummary["status"] {
  switch (status) {
    case "pending":
    case "sending":
    case "waiting":
      return "queued"
    case "sent":
    case "unknown":
      return "sent"
    default:
      return status
  }
}

/**
 * The order's decision when one or more confirm-mode printers asked the device: a rejection on
 * any of them rejects the order (a station that cannot make its part means the order cannot be
 * served as placed); the order is accepted once every job that asked was accepted; until then it
 * has no decision. Each job keeps the first decision its print received.
 */
export function summarizeDecision(
  jobs: JobForSummary[]
): Pick<OrderPrintSummary, "decision" | "decided_at" | "decision_note"> {
  const asking = jobs.filter((j) => j.asks_decision)
  const rejected = asking
    .filter((j) => j.decision === "rejected")
    .sort((a, b) => new Date(a.decided_at ?? 0).getTime() - new Date(b.decided_at ?? 0).getTime())[0]
  if (rejected) {
    return {
      decision: "rejected",
      decided_at: iso(rejected.decided_at) ?? undefined,
      ...(rejected.decision_note ? { decision_note: rejected.decision_note } : {}),
    }
  }
  if (asking.length && asking.every((j) => j.decision === "accepted")) {
    const last = Math.max(...asking.map((j) => new Date(j.decided_at ?? 0).getTime()))
    return { decision: "accepted", decided_at: new Date(last).toISOString() }
  }
  return {}
}

/**
 * One status for the order: a job replaced by a reprint no longer counts (its reprint does);
 * any live failure → failed; all printed → printed; any sent → sent; all canceled → canceled.
 */
export function summarizeOrderPrints(
  jobs: JobForSummary[],
  state: { pickup_number?: number | null },
  now = new Date()
): OrderPrintSummary | null {
  if (!jobs.length && !state.pickup_number) return null
  const replaced = new Set(jobs.map((j) => j.reprint_of).filter(Boolean) as string[])
  const live = jobs.filter((j) => !replaced.has(j.id) && !j.replaced_by)
  const statuses = new Set(live.map((j) => publicStatus(j.status)))
  let status: OrderPrintSummary["status"] = "queued"
  if (statuses.has("failed")) status = "failed"
  else if (live.length && [...statuses].every((s) => s === "printed" || s === "canceled") && statuses.has("printed"))
    status = "printed"
  else if (live.length && [...statuses].every((s) => s === "canceled")) status = "canceled"
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
    ...summarizeDecision(jobs),
    jobs: jobs.length,
    updated_at: now.toISOString(),
  }
  if (state.pickup_number) summary.pickup_number = state.pickup_number
  return summary
}
