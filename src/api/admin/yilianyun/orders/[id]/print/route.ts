import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { listTemplates } from "../../../../../../receipt"
import { printOrderWorkflow } from "../../../../../../workflows/print-order"
import { isDesignRef } from "../../../../../../workflows/utils/render-for-printer"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadOrder, loadPrinter, presentJob, ylyOf } from "../../../helpers"
import type { PostOrderPrintType } from "../../../validators"

/**
 * POST /admin/yilianyun/orders/:id/print — reprints the order, marked 补打 / REPRINT on paper.
 * `{ printer_id?, template? }`: with a printer, that printer (template: the one asked, else the
 * one it last printed for this order, else its order.placed template); without, every printer
 * that printed the order, with the template each printed. Each reprint points at the job it
 * repeats (`reprint_of`); an order no printer has printed yet points at the order itself.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostOrderPrintType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const body = req.validatedBody
  const order = await loadOrder(req.scope, req.params.id)
  // a saved receipt design is named by its id (ylydsg_…); the print workflow finds it or says it is gone
  if (body.template && !isDesignRef(body.template) && !listTemplates().includes(body.template)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: Field 'template' must be one of ${listTemplates().filter((t) => t !== "test").join(", ")}.`
    )
  }
  const previous: any[] = await yly.listPrintJobs({ order_id: order.id }, { order: { created_at: "DESC" } })

  type Plan = { printer_id: string; template: string; trigger: string; fulfillment_id: string | null; reprint_of: string }
  const plans: Plan[] = []
  if (body.printer_id) {
    const printer = await loadPrinter(yly, body.printer_id)
    const onPrinter = previous.filter((j) => j.printer_id === printer.id)
    const template = body.template ?? onPrinter[0]?.template ?? printer.templates?.["order.placed"]?.[0] ?? "receipt"
    const same = onPrinter.find((j) => j.template === template) ?? previous.find((j) => j.template === template)
    const basis = same ?? onPrinter[0] ?? previous[0]
    plans.push({
      printer_id: printer.id,
      template,
      trigger: same?.trigger ?? "admin",
      fulfillment_id: same?.source || null,
      reprint_of: basis?.id ?? order.id,
    })
  } else {
    // the newest job of each (printer, template) the order was printed with
    const seen = new Set<string>()
    const printers = new Set((await yly.listPrinters({ id: [...new Set(previous.map((j) => j.printer_id))] })).map((p: any) => p.id))
    for (const j of previous) {
      const template = body.template ?? j.template
      const key = `${j.printer_id}|${template}`
      if (seen.has(key) || !printers.has(j.printer_id)) continue
      seen.add(key)
      plans.push({ printer_id: j.printer_id, template, trigger: j.trigger, fulfillment_id: j.source || null, reprint_of: j.id })
    }
    if (!plans.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid request: Field 'printer_id' is required — order #${order.display_id} has not been printed on any current printer yet, so choose one.`
      )
    }
  }

  const jobIds: string[] = []
  for (const plan of plans) {
    const run = await answeringCloudErrors(res, () =>
      printOrderWorkflow(req.scope).run({
        input: {
          order_id: order.id,
          trigger: plan.trigger,
          fulfillment_id: plan.fulfillment_id,
          requested_by: "admin",
          reprint: { printer_id: plan.printer_id, template: plan.template, reprint_of: plan.reprint_of },
        },
      })
    )
    if (!run) return
    jobIds.push(...run.result.job_ids)
  }
  const jobs = jobIds.length
    ? await yly.listPrintJobs({ id: jobIds }, { relations: ["printer", "parts"], order: { created_at: "ASC" } })
    : []
  res.status(201).json({ jobs: jobs.map((j: any) => presentJob(j, { display_id: order.display_id })) })
}
