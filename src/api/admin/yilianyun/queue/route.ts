import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AT_CLOUD_JOB_STATUSES, printerHealth, WAITING_JOB_STATUSES } from "../../../../modules/yilianyun/printer-health"
import { STUCK_PENDING_MS, STUCK_SENT_MS, ylyOf } from "../helpers"

/** a printer with late jobs not heard from for this long gets the stale banner */
const STALE_AFTER_MS = 10 * 60_000
/** pushes a device sends itself: each one shows it is alive */
const DEVICE_PUSHES = ["oauth_finish", "oauth_getOrder", "oauth_request"]

/**
 * GET /admin/yilianyun/queue — per printer, derived from facts (see printer-health.ts): its status
 * (a print or a push newer than the stored status counts: a printer that has just printed is
 * online), when it was last seen, jobs waiting to reach the cloud, jobs at the cloud unconfirmed
 * for as long as the jobs list calls them stuck, failed jobs not yet retried, and `stale` when it
 * has late jobs and has not been seen for 10 minutes — the silent backlog merchants otherwise find
 * out about from customers.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const now = Date.now()
  const printers = await yly.listPrinters({}, { order: { created_at: "ASC" } })
  const open = await yly.listPrintJobs({ status: [...WAITING_JOB_STATUSES, ...AT_CLOUD_JOB_STATUSES] }, {
    select: ["id", "printer_id", "status", "created_at", "sent_at"],
  })
  // a failed job a reprint replaced is dealt with: not counted
  const reprints = await yly.listPrintJobs({ reprint_of: { $ne: null } }, { select: ["reprint_of"] })
  const replaced = new Set(reprints.map((r) => r.reprint_of))
  const failed = (await yly.listPrintJobs({ status: "failed" }, { select: ["id", "printer_id"] })).filter(
    (j) => !replaced.has(j.id)
  )
  const rows = await Promise.all(
    printers.map(async (p) => {
      const [[lastPrinted], [lastPush]] = await Promise.all([
        yly.listPrintJobs({ printer_id: p.id, status: "printed" }, {
          select: ["id", "printed_at"],
          order: { printed_at: "DESC" },
          take: 1,
        }),
        yly.listPushEvents({ machine_code: p.machine_code, cmd: DEVICE_PUSHES }, {
          select: ["id", "created_at"],
          order: { created_at: "DESC" },
          take: 1,
        }),
      ])
      const health = printerHealth({
        status: p.status,
        status_at: p.status_at,
        last_printed_at: lastPrinted?.printed_at,
        last_push_at: lastPush?.created_at,
        jobs: open.filter((j) => j.printer_id === p.id),
        now,
        waitingLateAfterMs: STUCK_PENDING_MS,
        unconfirmedAfterMs: STUCK_SENT_MS,
        staleAfterMs: STALE_AFTER_MS,
      })
      return {
        printer_id: p.id,
        ...health,
        failed: failed.filter((j) => j.printer_id === p.id).length,
        last_printed_at: lastPrinted?.printed_at ? new Date(lastPrinted.printed_at).toISOString() : null,
      }
    })
  )
  res.json({ printers: rows, stale_after_minutes: STALE_AFTER_MS / 60_000 })
}
