import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import type { PrinterRow, PrintJobRow as JobRow } from "../../../modules/yilianyun/rows"

// Shared by the admin routes: loading with a readable 404, and the one shape a job has in answers.

export function ylyOf(scope: MedusaContainer): YilianyunModuleService {
  return scope.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
}

/** 400 with the sentence the service uses when the plugin has no credentials. */
export function assertConfigured(yly: YilianyunModuleService): void {
  if (!yly.isConfigured()) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Yilianyun is not configured: set the plugin options clientId and clientSecret " +
        "(YILIANYUN_CLIENT_ID / YILIANYUN_CLIENT_SECRET) and restart the store."
    )
  }
}

export type { PrinterRow, JobRow }

export async function loadPrinter(yly: YilianyunModuleService, id: string): Promise<PrinterRow> {
  const [printer] = await yly.listPrinters({ id })
  if (!printer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Printer ${id} was not found — it may have been removed.`)
  }
  return printer as PrinterRow
}

/** What a route reads of an order it loads by default; a caller asking for more fields names their shape as `T`. */
export type OrderSummary = { id: string; display_id: number }

export async function loadOrder<T extends OrderSummary = OrderSummary>(
  scope: MedusaContainer,
  id: string,
  fields: string[] = ["id", "display_id"]
): Promise<T> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields, filters: { id } })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${id} was not found.`)
  return order
}

/** display ids of these orders, by order id (orders that no longer exist are left out) */
export async function displayIdsOf(scope: MedusaContainer, orderIds: string[]): Promise<Record<string, number>> {
  const ids = [...new Set(orderIds)]
  if (!ids.length) return {}
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: ids } })
  return Object.fromEntries(data.map((o: { id: string; display_id: number }) => [o.id, o.display_id]))
}

/** the first reprint made of each of these jobs (a retry, a replacement or another copy), by job id */
export async function reprintsOf(yly: YilianyunModuleService, jobIds: string[]): Promise<Record<string, string>> {
  if (!jobIds.length) return {}
  const reprints = await yly.listPrintJobs({ reprint_of: jobIds }, {
    select: ["id", "reprint_of", "created_at"],
    order: { created_at: "ASC" },
  })
  const by: Record<string, string> = {}
  for (const r of reprints) if (r.reprint_of) by[r.reprint_of] ??= r.id
  return by
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null)

/** What the admin sees of a job: never the rendered content (it is large, and not needed). */
export function presentJob(
  job: JobRow,
  extra: { display_id?: number | null; reprinted_by?: string | null; stuck_reason?: string | null } = {}
) {
  const printer = job.printer
  return {
    id: job.id,
    order_id: job.order_id,
    display_id: extra.display_id ?? null,
    printer_id: job.printer_id ?? printer?.id ?? null,
    printer: printer
      ? {
          id: printer.id,
          name: printer.name,
          machine_code: printer.machine_code,
          status: printer.status,
          status_at: iso(printer.status_at),
          removed: Boolean(printer.deleted_at),
        }
      : null,
    trigger: job.trigger,
    template: job.template,
    /** the receipt design and version it printed with (null: a template) */
    design_id: job.design_id ?? null,
    design_version: job.design_version ?? null,
    source: job.source || null,
    status: job.status,
    attempts: job.attempts,
    requested_by: job.requested_by,
    last_error: job.last_error ?? null,
    last_error_code: job.last_error_code ?? null,
    reprint_of: job.reprint_of ?? null,
    reprinted_by: extra.reprinted_by ?? job.replaced_by ?? null,
    replaced_by: job.replaced_by ?? null,
    cancel_requested_at: iso(job.cancel_requested_at),
    asks_decision: Boolean(job.asks_decision),
    decision: job.decision ?? null,
    decided_at: iso(job.decided_at),
    stuck_reason: extra.stuck_reason ?? null,
    created_at: iso(job.created_at),
    first_attempt_at: iso(job.first_attempt_at),
    next_attempt_at: iso(job.next_attempt_at),
    sent_at: iso(job.sent_at),
    printed_at: iso(job.printed_at),
    canceled_at: iso(job.canceled_at),
    parts: Array.isArray(job.parts)
      ? [...job.parts]
          .sort((a, b) => a.part_number - b.part_number)
          .map((p) => ({
            part_number: p.part_number,
            part_count: p.part_count,
            print_id: p.print_id ?? null,
            status: p.status,
            last_error: p.last_error ?? null,
          }))
      : undefined,
  }
}

/** a job still pending this long after it was created should have gone out already */
export const STUCK_PENDING_MS = 2 * 60_000
/** a sent job with no finish push this long after sending is unconfirmed */
export const STUCK_SENT_MS = 10 * 60_000

/** Why a job counts as stuck, as a sentence; null when it does not. */
export function stuckReason(
  job: Pick<JobRow, "status" | "created_at" | "last_error" | "next_attempt_at" | "sent_at">,
  now = Date.now()
): string | null {
  const queued = job.status === "pending" || job.status === "sending" || job.status === "waiting" || job.status === "unknown"
  if (queued && now - new Date(job.created_at).getTime() >= STUCK_PENDING_MS) {
    const mins = Math.round((now - new Date(job.created_at).getTime()) / 60_000)
    const why = job.last_error ? ` Last reason: ${job.last_error}` : ""
    const next = job.next_attempt_at ? ` Next attempt at ${new Date(job.next_attempt_at).toISOString()}.` : ""
    return `Waiting to be sent for ${mins} min.${why}${next}`
  }
  if (job.status === "sent" && job.sent_at && now - new Date(job.sent_at).getTime() >= STUCK_SENT_MS) {
    const mins = Math.round((now - new Date(job.sent_at).getTime()) / 60_000)
    return `Sent ${mins} min ago and not confirmed as printed — check the printer's paper and power; retrying prints a copy marked REPRINT.`
  }
  return null
}
