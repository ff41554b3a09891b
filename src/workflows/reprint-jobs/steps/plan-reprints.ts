import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type { PrinterTemplates, PrintJobRow } from "../../../modules/yilianyun/rows"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { listTemplates } from "../../../receipt"
import { isDesignRef } from "../../utils/render-for-printer"
import type { ReprintJobsInput } from ".."

export type ReprintPlan = {
  /** the id the reprint job gets (reserved on the original before it exists) */
  reprint_id: string
  order_id: string
  printer_id: string
  template: string
  trigger: string
  fulfillment_id: string | null
  /** the job it repeats, or the order when none printed it yet */
  reprint_of: string
  /** the job this reprint replaces (a retried job, or an original that may still print) */
  replaces: string | null
  /** the replaced job may still print: it is withdrawn before the reprint is sent */
  withdraw: boolean
}

/** A job that can still print: a reprint replaces it (withdraws it first). */
const OPEN = new Set(["pending", "sending", "waiting", "unknown", "sent"])

/**
 * Everything is checked before anything prints: unknown job → 404, a job already retried → 409
 * (with the existing reprint), a printed job or one whose printer was removed → 400 naming the
 * field. An original that may still print is reserved for its reprint in the same guarded write
 * (`replaced_by`), so two concurrent retries of one job — in one process or two — make one
 * reprint; compensation frees the reservation.
 */
export const planReprintsStep = createStep(
  "yly-plan-reprints",
  async (input: ReprintJobsInput, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const plans = input.job_ids?.length ? await planRetries(yly, input.job_ids) : await planOrderReprint(container, yly, input)
    const reserved: { job_id: string; reprint_id: string }[] = []
    const conflicts: { job_id: string; reprint_id: string }[] = []
    for (const plan of plans) {
      if (!plan.replaces) continue
      const holder = await yly.ledger.reserveReplacement(plan.replaces, plan.reprint_id)
      if (holder === plan.reprint_id) reserved.push({ job_id: plan.replaces, reprint_id: plan.reprint_id })
      else conflicts.push({ job_id: plan.replaces, reprint_id: holder })
    }
    if (conflicts.length) {
      for (const r of reserved) await yly.ledger.releaseReplacement(r.job_id, r.reprint_id)
      throw alreadyRetried(conflicts)
    }
    return new StepResponse(plans, reserved)
  },
  async (reserved, { container }) => {
    if (!reserved?.length) return
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    for (const r of reserved) await yly.ledger.releaseReplacement(r.job_id, r.reprint_id)
  }
)

/** 409: retrying twice is how duplicates happen. The conflicts travel as own properties. */
function alreadyRetried(conflicts: { job_id: string; reprint_id: string }[]): MedusaError {
  const first = conflicts[0]
  const err = new MedusaError(
    MedusaError.Types.CONFLICT,
    conflicts.length === 1
      ? `Job ${first.job_id} was already retried as ${first.reprint_id}; check that reprint instead of retrying again.`
      : `${conflicts.length} of these jobs were already retried (${conflicts.map((c) => `${c.job_id} → ${c.reprint_id}`).join(", ")}); nothing was retried.`
  )
  Object.assign(err, { conflicts, job_id: first.job_id, reprint_id: first.reprint_id })
  return err
}

async function planRetries(yly: YilianyunModuleService, jobIds: string[]): Promise<ReprintPlan[]> {
  const ids = [...new Set(jobIds)]
  const jobs = await yly.listPrintJobs({ id: ids }, { relations: ["printer"] })
  const missing = ids.filter((id) => !jobs.some((j) => j.id === id))
  if (missing.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Print job ${missing.join(", ")} was not found.`)
  const retried = jobs.filter((j) => j.replaced_by)
  if (retried.length) throw alreadyRetried(retried.map((j) => ({ job_id: j.id, reprint_id: j.replaced_by! })))
  const reprinted = await yly.listPrintJobs({ reprint_of: ids }, { select: ["id", "reprint_of"] })
  const earlier = reprinted.filter((r) => r.reprint_of)
  if (earlier.length) {
    throw alreadyRetried(ids.filter((id) => earlier.some((r) => r.reprint_of === id)).map((id) => ({
      job_id: id,
      reprint_id: earlier.find((r) => r.reprint_of === id)!.id,
    })))
  }
  const printed = jobs.filter((j) => j.status === "printed")
  if (printed.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'job_ids' names job ${printed.map((j) => j.id).join(", ")}, which printed already — reprint it from its order instead.`
    )
  }
  const orphaned = jobs.filter((j) => !j.printer)
  if (orphaned.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'job_ids' names job ${orphaned.map((j) => j.id).join(", ")}, whose printer was removed — reprint the order on another printer instead.`
    )
  }
  return ids.map((id) => {
    const job = jobs.find((j) => j.id === id)!
    return {
      reprint_id: generateEntityId(undefined, "ylyjob"),
      order_id: job.order_id,
      printer_id: job.printer.id,
      template: job.template,
      trigger: job.trigger,
      fulfillment_id: job.source || null,
      reprint_of: job.id,
      replaces: job.id,
      withdraw: OPEN.has(job.status),
    }
  })
}

/**
 * An order's reprint: with a printer, that printer (template: the one asked, else the one it last
 * printed for this order, else its order.placed template); without, every current printer that
 * printed the order, with the template each printed.
 */
async function planOrderReprint(
  container: MedusaContainer,
  yly: YilianyunModuleService,
  input: ReprintJobsInput
): Promise<ReprintPlan[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: input.order_id! } })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${input.order_id} was not found.`)
  if (input.template && !isDesignRef(input.template) && !listTemplates().includes(input.template)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'template' must be one of ${listTemplates().filter((t) => t !== "test").join(", ")}.`
    )
  }
  const previous = await yly.listPrintJobs({ order_id: order.id }, { order: { created_at: "DESC" } })
  // another copy of a printed job replaces nothing; a reprint of one that may still print replaces it
  const plan = (p: Omit<ReprintPlan, "reprint_id" | "order_id" | "replaces" | "withdraw">, basis: PrintJobRow | undefined): ReprintPlan => {
    const open = basis && OPEN.has(basis.status) && basis.printer_id === p.printer_id && basis.template === p.template
    return { ...p, reprint_id: generateEntityId(undefined, "ylyjob"), order_id: order.id, replaces: open ? basis.id : null, withdraw: Boolean(open) }
  }
  if (input.printer_id) {
    const [printer] = await yly.listPrinters({ id: input.printer_id })
    if (!printer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Printer ${input.printer_id} was not found — it may have been removed.`)
    }
    const onPrinter = previous.filter((j) => j.printer_id === printer.id)
    const template = input.template ?? onPrinter[0]?.template ?? (printer.templates as PrinterTemplates | null)?.["order.placed"]?.[0] ?? "receipt"
    const same = onPrinter.find((j) => j.template === template) ?? previous.find((j) => j.template === template)
    const basis = same ?? onPrinter[0] ?? previous[0]
    return [
      plan(
        {
          printer_id: printer.id,
          template,
          trigger: same?.trigger ?? "admin",
          fulfillment_id: same?.source || null,
          reprint_of: basis?.id ?? order.id,
        },
        same
      ),
    ]
  }
  // the newest job of each (printer, template) the order was printed with
  const seen = new Set<string>()
  const current = new Set(
    (await yly.listPrinters({ id: [...new Set(previous.map((j) => j.printer_id))] })).map((p) => p.id)
  )
  const plans: ReprintPlan[] = []
  for (const j of previous) {
    const template = input.template ?? j.template
    const key = `${j.printer_id}|${template}`
    if (seen.has(key) || !current.has(j.printer_id)) continue
    seen.add(key)
    plans.push(plan({ printer_id: j.printer_id, template, trigger: j.trigger, fulfillment_id: j.source || null, reprint_of: j.id }, j))
  }
  if (!plans.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'printer_id' is required — order #${order.display_id} has not been printed on any current printer yet, so choose one.`
    )
  }
  return plans
}
