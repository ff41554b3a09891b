import { generateEntityId } from "@medusajs/framework/utils"
import { originIdFor } from "./origin-id"

interface SqlManager {
  transactional<T>(fn: (em: SqlManager) => Promise<T>): Promise<T>
  execute(sql: string, params?: unknown[]): Promise<any>
}

export type NewJob = {
  order_id: string
  printer_id: string
  trigger: string
  template: string
  /** fulfillment id for fulfillment triggers, '' otherwise */
  source: string
  requested_by: string
  reprint_of?: string | null
  /** the receipt design and version it renders (null for a template), so a reprint can use the same */
  design_id?: string | null
  design_version?: number | null
  /** rendered markup, one entry per part */
  parts: string[]
}

/**
 * Creates a job and its parts in one transaction, or nothing when the same (order, printer,
 * trigger, template, source) job already exists: a re-delivered event is a no-op (design §2).
 * Returns the new job id, or null for the no-op.
 */
export async function createJobOnce(manager: SqlManager, job: NewJob): Promise<string | null> {
  return manager.transactional(async (em) => {
    const id = generateEntityId(undefined, "ylyjob")
    const inserted = await em.execute(
      // first_attempt_at is set here: a job is sent as soon as it exists, and the re-send window
      // (design §3) must count from then even if the process dies during that first send.
      `INSERT INTO yly_print_job (id, order_id, printer_id, trigger, template, source, requested_by, reprint_of, design_id, design_version, status, attempts, first_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, now())
       ON CONFLICT (order_id, printer_id, trigger, template, source)
         WHERE reprint_of IS NULL AND deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [
        id, job.order_id, job.printer_id, job.trigger, job.template, job.source, job.requested_by, job.reprint_of ?? null,
        job.design_id ?? null, job.design_version ?? null,
      ]
    )
    if (!inserted.length) return null
    let n = 0
    for (const content of job.parts) {
      n += 1
      await em.execute(
        `INSERT INTO yly_print_part (id, job_id, part_number, part_count, origin_id, content, status)
         VALUES (?, ?, ?, ?, ?, ?, 'pending')`,
        [generateEntityId(undefined, "ylypart"), id, n, job.parts.length, originIdFor(id, n), content]
      )
    }
    return id
  })
}
