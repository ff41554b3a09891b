import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { renderJobParts, resolveRenderSource } from "../../utils/render-for-printer"
import { selectPrintTargets } from "../../utils/select-print-targets"
import type { LoadOrderForPrintOutput } from "./load-order-for-print"

export type CreatePrintJobsInput = {
  loaded: LoadOrderForPrintOutput
  trigger: string
  requested_by: string
  /** only these printers (the reconciler, an explicit reprint) */
  printer_ids?: string[] | null
  /** a reprint: one printer, one template, marked REPRINT on paper, outside the once-only index */
  reprint?: { printer_id: string; template?: string | null; reprint_of: string } | null
}

/**
 * Routes the order to its printers, renders each template in that printer's profile, and creates
 * the jobs with their parts. A job that already exists for the same (order, printer, trigger,
 * template, source) is not created again: a re-delivered event prints nothing twice.
 */
export const createPrintJobsStep = createStep(
  "yly-create-print-jobs",
  async (input: CreatePrintJobsInput, { container }) => {
    const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
    const { order, fulfillment, location_id } = input.loaded
    const source = fulfillment?.id ?? ""
    const filters: Record<string, unknown> = {}
    const only = input.reprint ? [input.reprint.printer_id] : input.printer_ids
    if (only?.length) filters.id = only
    const printers = await yly.listPrinters(filters)

    const targets = input.reprint
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

    const pickupNumber = await pickupNumberFor(yly, input, targets.map((t) => printers.find((p: any) => p.id === t.printer_id)))
    const created: string[] = []
    for (const target of targets) {
      const printer = printers.find((p: any) => p.id === target.printer_id)!
      for (const template of target.templates) {
        // a design renders at its current version, a reprint at the version its job printed with
        const renderSource = await resolveRenderSource(yly, template, { reprintOf: input.reprint?.reprint_of })
        const parts = renderJobParts({
          printer: printer as any,
          loaded: input.loaded,
          template,
          source: renderSource,
          itemIds: target.item_ids,
          reprint: Boolean(input.reprint),
          timezone: yly.getOptions().timezone,
          pickupNumber,
        })
        const id = await yly.createJobOnce({
          order_id: order.id,
          printer_id: printer.id,
          trigger: input.trigger,
          template,
          source,
          requested_by: input.requested_by,
          reprint_of: input.reprint?.reprint_of ?? null,
          design_id: renderSource.design?.id ?? null,
          design_version: renderSource.design?.version ?? null,
          parts,
        })
        if (id) created.push(id)
      }
    }
    return new StepResponse({ job_ids: created, pickup_number: pickupNumber })
  }
)

/**
 * The order's daily pickup number, when a printer that prints it routes this order: the one the
 * order already has (a re-delivered event, a reprint), or the next one of the store's local day.
 */
async function pickupNumberFor(
  yly: YilianyunModuleService,
  input: CreatePrintJobsInput,
  printers: any[]
): Promise<number | null> {
  const existing = input.loaded.order.metadata?.yilianyun?.pickup_number
  if (existing) return Number(existing)
  const wanted = printers.some((p) => p?.receipt_settings?.pickup_number === true)
  if (!wanted || input.trigger !== "order.placed" && input.trigger !== "payment.captured") return null
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: yly.getOptions().timezone }).format(new Date())
  return yly.nextPickupNumber(day)
}
