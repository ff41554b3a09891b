import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STUCK_PENDING_MS, ylyOf } from "../helpers"

/** a printer with waiting jobs not heard from for this long gets the stale banner */
const STALE_AFTER_MS = 10 * 60_000

/**
 * GET /admin/yilianyun/queue — per printer: jobs waiting (pending or sent, not printed), the
 * oldest of them, failed jobs, when it was last seen (a finish push, or an online status), and
 * `stale` when it has had waiting jobs for a while and has not been seen for 10 minutes — the
 * silent backlog merchants otherwise find out about from customers.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  const now = Date.now()
  const printers = await yly.listPrinters({}, { order: { created_at: "ASC" } })
  const waiting: any[] = await yly.listPrintJobs({ status: ["pending", "sending", "waiting", "unknown", "sent"] } as any, {
    select: ["id", "printer_id", "created_at"] as any,
  })
  // a failed job a reprint replaced is dealt with: not counted
  const reprints = await yly.listPrintJobs({ reprint_of: { $ne: null } } as any, { select: ["reprint_of"] as any })
  const replaced = new Set(reprints.map((r: any) => r.reprint_of as string))
  const failed = (await yly.listPrintJobs({ status: "failed" } as any, { select: ["id", "printer_id"] as any })).filter(
    (j: any) => !replaced.has(j.id)
  )
  const rows = await Promise.all(
    printers.map(async (p: any) => {
      const mine = waiting.filter((j) => j.printer_id === p.id)
      const oldest = mine.map((j) => new Date(j.created_at).getTime()).reduce((a, b) => Math.min(a, b), Infinity)
      const [lastPrinted] = await yly.listPrintJobs({ printer_id: p.id, status: "printed" } as any, {
        select: ["id", "printed_at"] as any,
        order: { printed_at: "DESC" },
        take: 1,
      })
      const seen = [
        lastPrinted?.printed_at ? new Date(lastPrinted.printed_at).getTime() : 0,
        p.status === "online" && p.status_at ? new Date(p.status_at).getTime() : 0,
      ].reduce((a, b) => Math.max(a, b), 0)
      const stale =
        mine.length > 0 &&
        now - oldest >= STUCK_PENDING_MS &&
        (seen === 0 || now - seen >= STALE_AFTER_MS)
      return {
        printer_id: p.id,
        waiting: mine.length,
        oldest_waiting_at: mine.length ? new Date(oldest).toISOString() : null,
        failed: failed.filter((j) => j.printer_id === p.id).length,
        last_printed_at: lastPrinted?.printed_at ? new Date(lastPrinted.printed_at).toISOString() : null,
        last_seen_at: seen ? new Date(seen).toISOString() : null,
        stale,
      }
    })
  )
  res.json({ printers: rows, stale_after_minutes: STALE_AFTER_MS / 60_000 })
}
