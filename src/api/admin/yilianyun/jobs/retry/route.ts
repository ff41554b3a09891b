import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { printOrderWorkflow } from "../../../../../workflows/print-order"
import { answeringCloudErrors } from "../../../../utils/cloud-errors"
import { assertConfigured, displayIdsOf, presentJob, reprintsOf, ylyOf } from "../../helpers"
import type { PostJobsRetryType } from "../../validators"

/**
 * POST /admin/yilianyun/jobs/retry `{ job_ids }` — retries each job as a reprint of it (same order,
 * printer, template and trigger; marked REPRINT on paper; `reprint_of` = the job). Everything is
 * checked before anything prints: an unknown job → 404, a printed job or one whose printer was
 * removed → 400, a job that already has a reprint → 409 with the existing reprint's id (retrying
 * twice is how duplicates happen). A job still waiting to be sent is canceled first, so it cannot
 * print as well.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostJobsRetryType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const ids = [...new Set(req.validatedBody.job_ids)]
  const locking = req.scope.resolve(Modules.LOCKING)

  await locking.execute(
    ids.map((id) => `yilianyun:retry:${id}`),
    async () => {
      const jobs: any[] = await yly.listPrintJobs({ id: ids }, { relations: ["printer"] })
      const missing = ids.filter((id) => !jobs.some((j) => j.id === id))
      if (missing.length) {
        throw new MedusaError(MedusaError.Types.NOT_FOUND, `Print job ${missing.join(", ")} was not found.`)
      }
      const existing = await reprintsOf(yly, ids)
      const conflicts = ids.filter((id) => existing[id]).map((id) => ({ job_id: id, reprint_id: existing[id] }))
      if (conflicts.length) {
        const first = conflicts[0]
        res.status(409).json({
          type: "already_retried",
          message:
            conflicts.length === 1
              ? `Job ${first.job_id} was already retried as ${first.reprint_id}; check that reprint instead of retrying again.`
              : `${conflicts.length} of these jobs were already retried (${conflicts.map((c) => `${c.job_id} → ${c.reprint_id}`).join(", ")}); nothing was retried.`,
          job_id: first.job_id,
          reprint_id: first.reprint_id,
          conflicts,
        })
        return
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

      const waiting = jobs.filter((j) => j.status === "pending")
      if (waiting.length) {
        await yly.updatePrintJobs(
          waiting.map((j) => ({
            id: j.id,
            status: "canceled" as const,
            canceled_at: new Date(),
            last_error: "Replaced by a reprint the merchant asked for.",
          }))
        )
      }

      const created: { job_id: string; reprint_id: string | null }[] = []
      for (const id of ids) {
        const job = jobs.find((j) => j.id === id)!
        const run = await answeringCloudErrors(res, () =>
          printOrderWorkflow(req.scope).run({
            input: {
              order_id: job.order_id,
              trigger: job.trigger,
              fulfillment_id: job.source || null,
              requested_by: "admin",
              reprint: { printer_id: job.printer.id, template: job.template, reprint_of: job.id },
            },
          })
        )
        if (!run) return
        created.push({ job_id: id, reprint_id: run.result.job_ids[0] ?? null })
      }

      const reprintIds = created.map((c) => c.reprint_id).filter(Boolean) as string[]
      const reprints: any[] = reprintIds.length ? await yly.listPrintJobs({ id: reprintIds }, { relations: ["printer", "parts"] }) : []
      const displayIds = await displayIdsOf(req.scope, jobs.map((j) => j.order_id))
      res.json({
        retried: created.map((c) => {
          const reprint = reprints.find((r) => r.id === c.reprint_id)
          return {
            job_id: c.job_id,
            reprint_id: c.reprint_id,
            reprint: reprint ? presentJob(reprint, { display_id: displayIds[reprint.order_id] ?? null }) : null,
          }
        }),
      })
    },
    { timeout: 30 }
  )
}
