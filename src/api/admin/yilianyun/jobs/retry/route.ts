import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runReprint } from "../../reprint-answer"
import { assertConfigured, ylyOf } from "../../helpers"
import type { PostJobsRetryType } from "../../validators"

/**
 * POST /admin/yilianyun/jobs/retry `{ job_ids }` — retries each job as a reprint of it (same order,
 * printer, template and trigger; marked REPRINT on paper; `reprint_of` = the job), through
 * reprintJobsWorkflow: an unknown job → 404, a printed job or one whose printer was removed → 400,
 * a job already retried → 409 with the existing reprint's id (retrying twice is how duplicates
 * happen). A job that may still print (waiting, or queued at an offline printer) is withdrawn
 * first; one that cannot be withdrawn safely is listed under `refused` and not reprinted.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostJobsRetryType>, res: MedusaResponse) {
  assertConfigured(ylyOf(req.scope))
  await runReprint(req.scope, res, { job_ids: req.validatedBody.job_ids }, 200, "retried")
}
