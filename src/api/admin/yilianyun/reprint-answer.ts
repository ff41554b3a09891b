import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ReprintJobsInput, reprintJobsWorkflow, ReprintOutcome } from "../../../workflows/reprint-jobs"
import { answeringCloudErrors } from "../../utils/cloud-errors"
import { displayIdsOf, JobRow, presentJob, ylyOf } from "./helpers"

/**
 * Runs reprintJobsWorkflow for a route and answers: cloud errors as sentences (503/400), a job
 * already retried as 409 `already_retried` with the existing reprint, otherwise the reprints.
 */
export async function runReprint(
  scope: MedusaContainer,
  res: MedusaResponse,
  input: ReprintJobsInput,
  status: number,
  shape: "jobs" | "retried"
): Promise<void> {
  let outcome: ReprintOutcome | undefined
  try {
    outcome = await answeringCloudErrors(res, async () => (await reprintJobsWorkflow(scope).run({ input })).result as ReprintOutcome)
  } catch (e) {
    const err = e as { type?: string; conflicts?: { job_id: string; reprint_id: string }[]; message?: string }
    if (err?.type !== MedusaError.Types.CONFLICT || !err.conflicts) throw e
    res.status(409).json({
      type: "already_retried",
      message: err.message,
      job_id: err.conflicts[0].job_id,
      reprint_id: err.conflicts[0].reprint_id,
      conflicts: err.conflicts,
    })
    return
  }
  if (outcome) await answerReprint(scope, res, outcome, status, shape)
}

/**
 * The answer of a reprint or retry: the reprints made (as jobs) and the originals refused because
 * they could not be withdrawn safely. Nothing reprinted and something refused → 409.
 */
export async function answerReprint(
  scope: MedusaContainer,
  res: MedusaResponse,
  outcome: ReprintOutcome,
  status: number,
  shape: "jobs" | "retried"
): Promise<void> {
  const yly = ylyOf(scope)
  const ids = outcome.reprinted.map((r) => r.reprint_id)
  const jobs = ids.length ? await yly.listPrintJobs({ id: ids }, { relations: ["printer", "parts"], order: { created_at: "ASC" } }) : []
  const displayIds = await displayIdsOf(scope, jobs.map((j) => j.order_id))
  const present = (j: JobRow) => presentJob(j, { display_id: displayIds[j.order_id] ?? null })
  if (!ids.length && outcome.refused.length) {
    res.status(409).json({ type: "not_withdrawn", message: outcome.refused[0].reason, refused: outcome.refused })
    return
  }
  if (shape === "jobs") {
    res.status(status).json({ jobs: jobs.map(present), refused: outcome.refused })
    return
  }
  res.status(status).json({
    retried: outcome.reprinted.map((r) => {
      const job = jobs.find((j) => j.id === r.reprint_id)
      return { job_id: r.reprint_of, reprint_id: r.reprint_id, reprint: job ? present(job) : null }
    }),
    refused: outcome.refused,
  })
}
