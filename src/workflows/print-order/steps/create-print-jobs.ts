import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type { ClaimedJob, NewJob } from "../../../modules/yilianyun/ledger"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { asksDecision, renderJobParts, RenderSource, resolveRenderSource } from "../../utils/render-for-printer"
import { selectPrintTargets } from "../../utils/select-print-targets"
import type { LoadOrderForPrintOutput } from "./load-order-for-print"

export type CreatePrintJobsInput = {
  loaded: LoadOrderForPrintOutput
  trigger: string
  requested_by: string
  /** only these printers (the reconciler, an explicit reprint) */
  printer_ids?: string[] | null
  /** a reprint: one printer, one template, marked REPRINT on paper, outside the once-only index */
  reprint?: { printer_id: string; template?: string | null; reprint_of: string; job_id?: string } | null
  /** the printers, when the caller has read them already (every printer not deleted) */
  printers?: any[] | null
}

export type MadePrintJobs = {
  job_ids: string[]
  pickup_number: number | null
  /**
   * the jobs created, in order, with their printer (what the sender needs to queue them) and, with
   * `claimFor`, the job as created claimed for that sender
   */
  jobs: { id: string; printer_id: string; claimed?: ClaimedJob | null; claimId?: string }[]
  /**
   * With `deferRouteCheck`: records what was evaluated (for the reconciler), to be called once the
   * prints are on their way. Without it, that was done before returning.
   */
  noteEvaluated: (() => Promise<unknown>) | null
}

/** Triggers whose receipts carry the daily pickup number. */
const PICKUP_TRIGGERS = new Set(["order.placed", "payment.captured"])

/**
 * Routes the order to its printers, renders each template in that printer's profile, and creates
 * the jobs with their parts through the ledger, in one transaction with the order's pickup number.
 * A job that already exists for the same (order, printer, trigger, template, source) is not
 * created again: a re-delivered event prints nothing twice. A template or design that cannot be
 * rendered fails its own job (shown in the admin), never the other printers' jobs.
 */
/** Routes and renders the order for its printers and creates the jobs (print workflow, reprints). */
export async function makePrintJobs(
  container: MedusaContainer,
  input: CreatePrintJobsInput,
  opts: {
    deferRouteCheck?: boolean
    /**
     * The caller sends the jobs right away: each job of an enabled printer is created claimed by
     * it (`claimId`, for `leaseMs`), its first part's attempt started — two statements fewer
     * before the request leaves (see the ledger's createJobs).
     */
    claimFor?: { claimId: string; leaseMs: number } | null
  } = {}
): Promise<MadePrintJobs> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { order, fulfillment, location_id } = input.loaded
  const source = fulfillment?.id ?? ""
  const only = input.reprint ? [input.reprint.printer_id] : input.printer_ids
  let printers: any[]
  if (input.printers) {
    const wanted = only?.length ? new Set(only) : null
    printers = wanted ? input.printers.filter((p) => wanted.has(p.id)) : input.printers
  } else {
    printers = await yly.listPrinters(only?.length ? { id: only } : {})
  }
  // a draft is not an order yet, and a canceled order prints only its cancellation (a merchant's
  // explicit reprint still prints): an event processed late must not print what no longer stands
  const stale = !input.reprint && (order.is_draft_order || order.status === "draft" || (order.status === "canceled" && input.trigger !== "order.canceled"))

  const targets = stale
    ? []
    : input.reprint
    ? printers.map((p: any) => ({
        printer_id: p.id,
        templates: [input.reprint!.template || (p.templates?.[input.trigger]?.[0] ?? "receipt")],
        item_ids: null,
      }))
    : selectPrintTargets(printers as any, {
        trigger: input.trigger,
        sales_channel_id: order.sales_channel_id ?? null,
        location_id,
        items: (order.items ?? []).map((i: any) => ({
          id: i.id,
          product_type_id: i.product_type_id ?? null,
          category_ids: (i.variant?.product?.categories ?? []).map((c: any) => c?.id).filter(Boolean),
        })),
      })
  // what was evaluated is remembered, so the reconciler does not evaluate it again every minute
  const noteEvaluated = () =>
    input.reprint
      ? Promise.resolve(0)
      : yly.noteRouteCheck(
          { order_id: order.id, trigger: input.trigger, source },
          printers.filter((p: any) => p.enabled).map((p: any) => p.id)
        )
  if (!targets.length) {
    await noteEvaluated()
    return { job_ids: [], pickup_number: null, jobs: [], noteEvaluated: null }
  }

  // Each (printer, template): a built-in template, or a saved design at the version to print (a
  // reprint: the version its job printed with). Resolved before the transaction; one that fails
  // fails its own job only.
  const planned: { printer: any; template: string; itemIds: string[] | null; source: RenderSource | null; error: string | null }[] = []
  for (const target of targets) {
    const printer = printers.find((p: any) => p.id === target.printer_id)!
    for (const template of target.templates) {
      try {
        const renderSource = await resolveRenderSource(yly, template, { reprintOf: input.reprint?.reprint_of })
        planned.push({ printer, template, itemIds: target.item_ids, source: renderSource, error: null })
      } catch (e) {
        planned.push({ printer, template, itemIds: target.item_ids, source: null, error: (e as Error).message })
      }
    }
  }

  const wantsPickup =
    !input.reprint &&
    PICKUP_TRIGGERS.has(input.trigger) &&
    planned.some(({ printer }) => printer.receipt_settings?.pickup_number === true)
  const timezone = yly.getOptions().timezone
  const known = Number(order.metadata?.yilianyun?.pickup_number) || null
  const pickup = wantsPickup ? { day: new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(new Date()), known } : null

  // ids chosen here, so each created job's printer is known without reading the jobs back
  const printerOf = new Map<string, string>()
  const result = await yly.ledger.createJobs(order.id, pickup, (pickupNumber) =>
    planned.map(({ printer, template, itemIds, source: renderSource, error }): NewJob => {
      // a design asks (or not) as its base template does: a packing-based design never asks
      const base = renderSource?.design?.layout.base ?? template
      const asks = asksDecision(printer, input.trigger, base, Boolean(input.reprint))
      const id = input.reprint?.job_id ?? generateEntityId(undefined, "ylyjob")
      printerOf.set(id, printer.id)
      const job: NewJob = {
        id,
        order_id: order.id,
        printer_id: printer.id,
        trigger: input.trigger,
        template,
        source,
        requested_by: input.requested_by,
        reprint_of: input.reprint?.reprint_of ?? null,
        asks_decision: asks,
        design_id: renderSource?.design?.id ?? null,
        design_version: renderSource?.design?.version ?? null,
        parts: [],
        claim: opts.claimFor && printer.enabled ? opts.claimFor : null,
      }
      try {
        if (error) throw new Error(error)
        job.parts = renderJobParts({
          printer,
          loaded: input.loaded,
          template,
          source: renderSource ?? undefined,
          itemIds,
          reprint: Boolean(input.reprint),
          confirm: asks,
          timezone,
          pickupNumber,
        })
      } catch (e) {
        const reason = `Template "${template}" could not be rendered for printer ${printer.name}: ${(e as Error).message}`
        logger.error(`yilianyun: order ${order.id}: ${reason}`)
        job.error = reason
      }
      return job
    }),
    // the number is read only for a printer that prints it
    { readPickupNumber: planned.some(({ printer }) => printer.receipt_settings?.pickup_number === true) }
  )
  const jobs = result.job_ids.map((id) => {
    const claimed = result.claimed.get(id) ?? null
    return { id, printer_id: printerOf.get(id)!, claimed, claimId: claimed ? opts.claimFor!.claimId : undefined }
  })
  if (opts.deferRouteCheck) return { ...result, jobs, noteEvaluated }
  await noteEvaluated()
  return { ...result, jobs, noteEvaluated: null }
}
