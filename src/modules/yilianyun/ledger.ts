import { generateEntityId } from "@medusajs/framework/utils"
import { originIdFor } from "./origin-id"
import { PrintStatus } from "./statuses"

/**
 * The print ledger: the only code that writes a print job or part (design §2.1). Every move is a
 * named transition, each a guarded update (`… WHERE status IN (allowed) RETURNING`) taken with the
 * job row locked, so a canceled, replaced or printed print never goes back to being sent, and two
 * processes never send the same job.
 *
 * A part's moves:
 *
 * | from                      | to        | transition          | when                                                        |
 * |---------------------------|-----------|---------------------|-------------------------------------------------------------|
 * | —                         | pending   | createJobs          | the job is created (once per order, printer, trigger, …);   |
 * |                           |           |                     | a job whose template cannot be rendered is created failed   |
 * | —                         | sending   | createJobs (claim)  | created for a sender about to send it: the job claimed by   |
 * |                           |           |                     | it and its first part's attempt started in the same         |
 * |                           |           |                     | statement (as claim + startAttempt would, with no one       |
 * |                           |           |                     | able to cancel in between: the job did not exist)           |
 * | pending, waiting, unknown | sending   | startAttempt        | the holder of the job's claim sends it                      |
 * | sending, unknown          | sent      | markSent            | the cloud answered with a print id                          |
 * | sending                   | unknown   | markUnknown         | timeout or cut connection: it may have reached the cloud    |
 * | sending (claim expired)   | unknown   | claim               | the sender died mid-attempt                                 |
 * | sending                   | waiting   | markNotReached      | it certainly did not reach the cloud (no token, budget, 41, |
 * |                           |           |                     | connection refused) and no earlier attempt may have         |
 * | sending                   | failed    | markFailed          | the cloud refused it for good (the reason is kept)          |
 * | pending, waiting          | canceled  | requestCancel       | order canceled, job replaced, queue cleared: nothing left   |
 * | sent, unknown             | canceled  | markWithdrawn       | only after the cloud withdrew it (cancelone / cancelall) or |
 * |                           |           |                     | said it is canceled                                         |
 * | unknown                   | failed    | failUnknown         | the dedupe window closed with the outcome still unknown     |
 * | sending, sent, unknown,   | printed   | settlePrinted       | a finish push or the cloud's order status says printed; a   |
 * | failed, canceled          |           |                     | fact from the cloud, so it settles even a given-up part     |
 *
 * A job's status is derived from its parts (`deriveJobStatus`) whenever no sender holds it; a
 * claimed job is `sending`. A claim is a lease (`claim_id`, `lease_until`) renewed before every
 * attempt; an expired lease can be claimed again, and its `sending` parts count as `unknown`.
 * A cancel request on a claimed job is honoured by the holder (it withdraws instead of sending);
 * on an unclaimed one, the next claimer withdraws. `pending`, `waiting` and `unknown` parts are
 * sent again with the same origin_id; an `unknown` one only inside the cloud's dedupe window.
 */

interface SqlManager {
  transactional<T>(fn: (em: SqlManager) => Promise<T>): Promise<T>
  execute(sql: string, params?: unknown[]): Promise<any>
}

export type LedgerPart = {
  id: string
  job_id: string
  part_number: number
  part_count: number
  origin_id: string
  content: string
  print_id: string | null
  status: PrintStatus
  attempts: number
  first_attempt_at: Date | null
  last_attempt_at: Date | null
  sent_at: Date | null
  printed_at: Date | null
  last_checked_at: Date | null
  last_error: string | null
}

export type LedgerJob = {
  id: string
  order_id: string
  printer_id: string
  trigger: string
  template: string
  source: string
  status: PrintStatus
  attempts: number
  first_attempt_at: Date | null
  next_attempt_at: Date | null
  last_error: string | null
  last_error_code: string | null
  sent_at: Date | null
  printed_at: Date | null
  canceled_at: Date | null
  reprint_of: string | null
  replaced_by: string | null
  requested_by: string
  claim_id: string | null
  lease_until: Date | null
  cancel_requested_at: Date | null
  cancel_reason: string | null
  asks_decision: boolean
  decision: "accepted" | "rejected" | null
  decided_at: Date | null
  created_at: Date
  updated_at: Date
}

/** A job as its claimer sees it: with its parts in order and what it needs of its printer. */
export type ClaimedJob = LedgerJob & {
  parts: LedgerPart[]
  printer: { id: string; machine_code: string; enabled: boolean; removed: boolean } | null
  /** the printer's characters per line (58 mm: 32, 80 mm: 48, or its own) */
  printer_columns?: number
}

export type NewJob = {
  /** an id chosen beforehand (a reprint reserved on the job it replaces); generated otherwise */
  id?: string
  order_id: string
  printer_id: string
  trigger: string
  template: string
  /** fulfillment id for fulfillment triggers, '' otherwise */
  source: string
  requested_by: string
  reprint_of?: string | null
  /** the print carries the confirmation tag, so the device's decision belongs to it */
  asks_decision?: boolean
  /** the receipt design and version it renders (a reprint renders the same) */
  design_id?: string | null
  design_version?: number | null
  /** rendered markup, one entry per part */
  parts: string[]
  /**
   * Created claimed by the sender about to send it, its first part's attempt started (the job
   * `sending`, the part `sending` with one attempt) — what claim + startAttempt would do, without
   * two more statements on the way to the printer. Ignored for a job created failed.
   */
  claim?: { claimId: string; leaseMs: number } | null
  /** why it could not be rendered: the job is created failed, with no parts, and shown */
  error?: string | null
}

export type Failure = { reason: string; code: string }

const OPEN_PART: PrintStatus[] = ["pending", "sending", "waiting", "unknown", "sent"]

/**
 * A job's status from its parts: a failed part fails the job; a part that may still be at the
 * cloud unconfirmed (`unknown`) or still to be sent (`pending`, `waiting`) keeps it open before
 * `sent`; when every part is done, printed if any part printed, else canceled.
 */
export function deriveJobStatus(parts: { status: PrintStatus; attempts?: number }[], claimed = false): PrintStatus {
  if (claimed) return "sending"
  const has = (s: PrintStatus) => parts.some((p) => p.status === s)
  if (has("failed")) return "failed"
  if (has("unknown") || has("sending")) return "unknown"
  if (has("pending") || has("waiting")) {
    return parts.some((p) => p.status === "waiting" || (p.attempts ?? 0) > 0) ? "waiting" : "pending"
  }
  if (has("sent")) return "sent"
  if (has("printed")) return "printed"
  return parts.length ? "canceled" : "pending"
}

/** json / row_to_json values as the driver returns them (parsed already, or text). */
const parseJson = (v: unknown): any => (typeof v === "string" ? JSON.parse(v) : v)
/** Timestamp columns read through JSON come back as text: made Dates again, as a plain SELECT gives them. */
function dates<T extends Record<string, any>>(row: T): T {
  for (const key of Object.keys(row)) {
    if ((key.endsWith("_at") || key === "lease_until") && typeof row[key] === "string") (row as any)[key] = new Date(row[key])
  }
  return row
}
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ")
const ms = (d: unknown) => (d ? new Date(d as string).getTime() : 0)

/** Thrown inside a transaction to roll it back with a result (e.g. a no-op job creation). */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super("rollback")
  }
}

/**
 * One job row; the partial unique index makes a second job for the same (order, printer, trigger,
 * template, source) a no-op (no row returned). A job whose render failed starts `failed`.
 */
const INSERT_JOB = `INSERT INTO yly_print_job (id, order_id, printer_id, trigger, template, source, requested_by, reprint_of,
                           asks_decision, design_id, design_version, status, attempts, last_error, last_error_code,
                           claim_id, lease_until)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + (?::double precision * interval '1 millisecond'))
  ON CONFLICT (order_id, printer_id, trigger, template, source) WHERE reprint_of IS NULL AND deleted_at IS NULL DO NOTHING
  RETURNING *`

/** The job's claim at creation: only for a job that has parts to send. */
const claimOf = (job: NewJob) => (job.claim && !job.error && job.parts.length ? job.claim : null)

function insertJobParams(id: string, job: NewJob): unknown[] {
  const claim = claimOf(job)
  return [
    id,
    job.order_id,
    job.printer_id,
    job.trigger,
    job.template,
    job.source,
    job.requested_by,
    job.reprint_of ?? null,
    Boolean(job.asks_decision),
    job.design_id ?? null,
    job.design_version ?? null,
    job.error ? "failed" : claim ? "sending" : "pending",
    claim ? 1 : 0,
    job.error ?? null,
    job.error ? "render" : null,
    claim?.claimId ?? null,
    claim?.leaseMs ?? null,
  ]
}

/** A created job's row, parts and printer (json from the insert statement) as its claimer sees it. */
function claimedFrom(job: unknown, parts: unknown, printer: unknown): ClaimedJob {
  const pr = parseJson(printer)
  return {
    ...dates(parseJson(job)),
    parts: ((parseJson(parts) ?? []) as any[]).map(dates).sort((a, b) => a.part_number - b.part_number),
    printer: pr ? { id: pr.id, machine_code: pr.machine_code, enabled: Boolean(pr.enabled), removed: Boolean(pr.deleted_at) } : null,
    printer_columns: pr ? Number(pr.columns ?? (Number(pr.paper_width) === 80 ? 48 : 32)) : undefined,
  } as ClaimedJob
}

/** The printer columns a claimer needs, as json, for the job row aliased `j`. */
const PRINTER_JSON = `(SELECT row_to_json(pr.*) FROM (SELECT id, machine_code, enabled, deleted_at, paper_width, columns
                                             FROM yly_printer WHERE id = j.printer_id) pr)`

export class PrintLedger {
  constructor(private readonly manager: SqlManager) {}

  // ---------------------------------------------------------------- creation

  /**
   * Creates the order's jobs with their parts in one transaction, each only if the same (order,
   * printer, trigger, template, source) job does not exist yet (a re-delivered event is a no-op).
   * With `pickup`, the order's daily pickup number is allocated in the same transaction, once per
   * order and only when a job is really created; `build` renders the jobs knowing it.
   */
  async createJobs(
    orderId: string,
    pickup: { day: string; known?: number | null } | null,
    build: (pickupNumber: number | null) => NewJob[],
    /** false: no job prints the pickup number, so it is not read (the jobs go in one statement) */
    opts: { readPickupNumber?: boolean } = {}
  ): Promise<{ job_ids: string[]; pickup_number: number | null; claimed: Map<string, ClaimedJob> }> {
    if (!pickup && opts.readPickupNumber === false) {
      // nothing to allocate or read: one statement inserts every job with its parts, atomically
      return { ...(await this.insertJobs(this.manager, build(null))), pickup_number: null }
    }
    try {
      return await this.manager.transactional(async (em) => {
        let pickupNumber = await this.pickupNumberOf(em, orderId)
        let allocated = false
        if (pickup && pickupNumber === null) {
          pickupNumber = await this.allocatePickup(em, orderId, pickup.day, pickup.known ?? null)
          allocated = true
        }
        const { job_ids: jobIds, claimed } = await this.insertJobs(em, build(pickupNumber))
        // A number is given only with the order's first job: otherwise nothing happened at all.
        if (allocated && !jobIds.length) throw new Rollback({ job_ids: [], pickup_number: null, claimed: new Map() })
        return { job_ids: jobIds, pickup_number: pickupNumber, claimed }
      })
    } catch (e) {
      if (e instanceof Rollback) return e.value
      throw e
    }
  }

  private async pickupNumberOf(em: SqlManager, orderId: string): Promise<number | null> {
    const [row] = await em.execute(
      `SELECT pickup_number FROM yly_order_state WHERE order_id = ? AND deleted_at IS NULL`,
      [orderId]
    )
    return row?.pickup_number != null ? Number(row.pickup_number) : null
  }

  private async allocatePickup(em: SqlManager, orderId: string, day: string, known: number | null): Promise<number> {
    await em.execute(
      `INSERT INTO yly_order_state (id, order_id) VALUES (?, ?)
       ON CONFLICT (order_id) WHERE deleted_at IS NULL DO NOTHING`,
      [generateEntityId(undefined, "ylyord"), orderId]
    )
    // A concurrent first job of the same order waits here and then sees the number given.
    const [row] = await em.execute(
      `SELECT pickup_number FROM yly_order_state WHERE order_id = ? AND deleted_at IS NULL FOR UPDATE`,
      [orderId]
    )
    if (row?.pickup_number != null) return Number(row.pickup_number)
    let value = known
    if (value == null) {
      const [counter] = await em.execute(
        `INSERT INTO yly_pickup_counter (id, day, value) VALUES (?, ?, 1)
         ON CONFLICT (day) WHERE deleted_at IS NULL
         DO UPDATE SET value = yly_pickup_counter.value + 1, updated_at = now()
         RETURNING value`,
        [generateEntityId(undefined, "ylypick"), day]
      )
      value = Number(counter.value)
    }
    await em.execute(
      `UPDATE yly_order_state SET pickup_number = ?, pickup_day = ?, updated_at = now()
        WHERE order_id = ? AND deleted_at IS NULL`,
      [value, day, orderId]
    )
    return value
  }

  /**
   * The jobs with their parts in one statement: each job only if its (order, printer, trigger,
   * template, source) is new, its parts only with it. Returns the ids of the jobs created, in
   * order, and each one created claimed (`NewJob.claim`) as its claimer sees it.
   */
  private async insertJobs(
    em: SqlManager,
    jobs: NewJob[]
  ): Promise<{ job_ids: string[]; claimed: Map<string, ClaimedJob> }> {
    const claimed = new Map<string, ClaimedJob>()
    if (!jobs.length) return { job_ids: [], claimed }
    const ctes: string[] = []
    const selects: string[] = []
    const params: unknown[] = []
    jobs.forEach((job, i) => {
      const id = job.id ?? generateEntityId(undefined, "ylyjob")
      const claim = claimOf(job)
      ctes.push(`j${i} AS (${INSERT_JOB})`)
      params.push(...insertJobParams(id, job))
      const hasParts = !job.error && job.parts.length > 0
      if (hasParts) {
        // claimed: the first part's attempt is started with it (sending, one attempt)
        const rows = job.parts
          .map(() => `(?::text, ?::int, ?::int, ?::text, ?::text, ?::text, ?::int, ?::timestamptz)`)
          .join(", ")
        ctes.push(`p${i} AS (
          INSERT INTO yly_print_part (id, job_id, part_number, part_count, origin_id, content, status, attempts, last_attempt_at)
          SELECT v.id, j${i}.id, v.n, v.c, v.o, v.t, v.s, v.a, v.l FROM j${i} CROSS JOIN (VALUES ${rows}) AS v(id, n, c, o, t, s, a, l)
          RETURNING *)`)
        job.parts.forEach((content, k) => {
          const started = claim !== null && k === 0
          params.push(
            generateEntityId(undefined, "ylypart"), k + 1, job.parts.length, originIdFor(id, k + 1), content,
            started ? "sending" : "pending", started ? 1 : 0, started ? new Date() : null
          )
        })
      }
      selects.push(
        claim && hasParts
          ? `SELECT ${i}::int AS n, j.id, row_to_json(j.*) AS job,
                    (SELECT json_agg(p.*) FROM p${i} p) AS parts, ${PRINTER_JSON} AS printer FROM j${i} j`
          : `SELECT ${i}::int AS n, id, NULL::json AS job, NULL::json AS parts, NULL::json AS printer FROM j${i}`
      )
    })
    const rows: { n: number; id: string; job: unknown; parts: unknown; printer: unknown }[] = await em.execute(
      `WITH ${ctes.join(",\n")}\n${selects.join(" UNION ALL ")}`,
      params
    )
    rows.sort((a, b) => Number(a.n) - Number(b.n))
    for (const r of rows) if (r.job) claimed.set(r.id, claimedFrom(r.job, r.parts, r.printer))
    return { job_ids: rows.map((r) => r.id), claimed }
  }

  // ---------------------------------------------------------------- claims

  /**
   * Claims a job for sending or withdrawing: only one holder at a time, until its lease expires.
   * Claimable: a job with parts to send (pending, waiting, unknown), one whose holder's lease
   * expired (its `sending` parts become `unknown`), and a sent job with a cancel request (to be
   * withdrawn). Returns null when someone else holds it or nothing is left to do.
   */
  async claim(jobId: string, claimId: string, leaseMs: number): Promise<ClaimedJob | null> {
    // One statement (atomic, the job row locked by its update): the job claimed; its parts left
    // `sending` by a holder whose lease expired made `unknown`; the parts (as updated) and printer.
    const [row] = await this.manager.execute(
      `WITH j AS (
         UPDATE yly_print_job
            SET status = 'sending', claim_id = ?, lease_until = now() + (? * interval '1 millisecond'), updated_at = now()
          WHERE id = ? AND deleted_at IS NULL
            AND (status IN ('pending', 'waiting', 'unknown')
                 OR (status = 'sending' AND (lease_until IS NULL OR lease_until < now()))
                 OR (status = 'sent' AND cancel_requested_at IS NOT NULL))
          RETURNING *),
       fixed AS (
         UPDATE yly_print_part
            SET status = 'unknown', first_attempt_at = coalesce(first_attempt_at, last_attempt_at, now()),
                last_error = coalesce(last_error, 'The process sending it stopped mid-attempt.'), updated_at = now()
          WHERE job_id IN (SELECT id FROM j) AND status = 'sending' AND deleted_at IS NULL
          RETURNING *)
       SELECT row_to_json(j.*) AS job,
              (SELECT coalesce(json_agg(p.* ORDER BY p.part_number), '[]'::json) FROM (
                 SELECT * FROM fixed
                 UNION ALL
                 SELECT * FROM yly_print_part
                  WHERE job_id IN (SELECT id FROM j) AND deleted_at IS NULL AND id NOT IN (SELECT id FROM fixed)) p) AS parts,
              ${PRINTER_JSON} AS printer
         FROM j`,
      [claimId, leaseMs, jobId]
    )
    return row ? claimedFrom(row.job, row.parts, row.printer) : null
  }

  /**
   * Extends the holder's lease. Returns `lost` when the claim is no longer theirs (it expired
   * and another process took the job), and whether a cancel was requested meanwhile.
   */
  async renew(jobId: string, claimId: string, leaseMs: number): Promise<{ lost: boolean; cancelRequested: boolean }> {
    const [row] = await this.manager.execute(
      `UPDATE yly_print_job SET lease_until = now() + (? * interval '1 millisecond'), updated_at = now()
        WHERE id = ? AND claim_id = ? AND status = 'sending'
        RETURNING cancel_requested_at`,
      [leaseMs, jobId, claimId]
    )
    return { lost: !row, cancelRequested: Boolean(row?.cancel_requested_at) }
  }

  /**
   * Ends a claim: the job's status is derived from its parts again. `next` says when the job is
   * due again (waiting, unknown) and why; a job that is sent or done has its error cleared.
   */
  async release(
    jobId: string,
    claimId: string,
    next: { at?: Date | null; failure?: Failure | null } = {}
  ): Promise<PrintStatus | null> {
    return this.manager.transactional(async (em) => {
      const [job] = await em.execute(
        `SELECT id FROM yly_print_job WHERE id = ? AND claim_id = ? AND status = 'sending' FOR UPDATE`,
        [jobId, claimId]
      )
      if (!job) return null
      return this.settleJob(em, jobId, { release: true, nextAt: next.at ?? null, failure: next.failure ?? null })
    })
  }

  // ---------------------------------------------------------------- attempts (the claim holder)

  /**
   * pending | waiting | unknown → sending, for the holder of the claim when no cancel was
   * requested. `cancel` tells the sender to withdraw instead; `lost` that the claim expired.
   */
  async startAttempt(
    jobId: string,
    partId: string,
    claimId: string,
    leaseMs: number
  ): Promise<{ ok: boolean; cancel: boolean; lost: boolean }> {
    // One statement: the job row locked first (a cancel request waits or is seen), then the part
    // moved and the job's attempt counted and lease renewed, only for the holder with no cancel.
    const [row] = await this.manager.execute(
      `WITH j AS (
         SELECT id, cancel_requested_at FROM yly_print_job WHERE id = ? AND claim_id = ? AND status = 'sending' FOR UPDATE),
       go AS (SELECT id FROM j WHERE cancel_requested_at IS NULL),
       p AS (
         UPDATE yly_print_part SET status = 'sending', attempts = attempts + 1, last_attempt_at = now(), updated_at = now()
          WHERE id = ? AND job_id IN (SELECT id FROM go) AND status IN ('pending', 'waiting', 'unknown') RETURNING id),
       u AS (
         UPDATE yly_print_job SET attempts = attempts + 1, lease_until = now() + (? * interval '1 millisecond'), updated_at = now()
          WHERE id IN (SELECT id FROM go) RETURNING id)
       SELECT (SELECT count(*) FROM j)::int AS found,
              (SELECT count(*) FROM j WHERE cancel_requested_at IS NOT NULL)::int AS cancel,
              (SELECT count(*) FROM p)::int AS moved,
              (SELECT count(*) FROM u)::int AS renewed`,
      [jobId, claimId, partId, leaseMs]
    )
    if (!Number(row?.found)) return { ok: false, cancel: false, lost: true }
    if (Number(row.cancel)) return { ok: false, cancel: true, lost: false }
    return { ok: Number(row.moved) > 0, cancel: false, lost: false }
  }

  /**
   * sending | unknown → sent: the cloud answered with a print id (a fact, recorded even if the
   * claim was lost meanwhile: a retry with the same origin_id gets the same id). A part a finish
   * push already settled as printed keeps that status and gains the id.
   */
  async markSent(partId: string, printId: string): Promise<PrintStatus | null> {
    const [row] = await this.manager.execute(
      `UPDATE yly_print_part
          SET status = CASE WHEN status IN ('sending', 'unknown') THEN 'sent' ELSE status END,
              print_id = ?, sent_at = coalesce(sent_at, now()), last_error = NULL,
              first_attempt_at = coalesce(first_attempt_at, last_attempt_at, now()), updated_at = now()
        WHERE id = ? AND status IN ('sending', 'unknown', 'printed', 'sent') RETURNING status`,
      [printId, partId]
    )
    return row?.status ?? null
  }

  /** sending → unknown: the request may have reached the cloud (timeout, cut connection, 5xx). */
  async markUnknown(partId: string, reason: string): Promise<boolean> {
    const rows = await this.manager.execute(
      `UPDATE yly_print_part SET status = 'unknown', last_error = ?,
              first_attempt_at = coalesce(first_attempt_at, last_attempt_at, now()), updated_at = now()
        WHERE id = ? AND status = 'sending' RETURNING id`,
      [reason, partId]
    )
    return rows.length > 0
  }

  /**
   * sending → waiting: this attempt certainly did not reach the cloud, or the cloud refused it
   * without queuing it. A part an earlier attempt may have delivered stays `unknown`.
   */
  async markNotReached(partId: string, reason: string): Promise<PrintStatus | null> {
    const [row] = await this.manager.execute(
      `UPDATE yly_print_part
          SET status = CASE WHEN first_attempt_at IS NULL THEN 'waiting' ELSE 'unknown' END,
              last_error = ?, updated_at = now()
        WHERE id = ? AND status = 'sending' RETURNING status`,
      [reason, partId]
    )
    return row?.status ?? null
  }

  /**
   * sending → failed: the cloud refused the print for good. The job's later parts, never sent,
   * are canceled with it (a half receipt is not printed).
   */
  async markFailed(jobId: string, partId: string, reason: string): Promise<boolean> {
    return this.manager.transactional(async (em) => {
      const rows = await em.execute(
        `UPDATE yly_print_part SET status = 'failed', last_error = ?, updated_at = now()
          WHERE id = ? AND status = 'sending' RETURNING part_number`,
        [reason, partId]
      )
      if (!rows.length) return false
      await em.execute(
        `UPDATE yly_print_part SET status = 'canceled', last_error = ?, updated_at = now()
          WHERE job_id = ? AND status IN ('pending', 'waiting') AND part_number > ?`,
        [`Not sent: part ${rows[0].part_number} was refused.`, jobId, rows[0].part_number]
      )
      return true
    })
  }

  /** unknown → failed: the dedupe window closed and the outcome is still unknown; never re-sent. */
  async failUnknown(partId: string, reason: string): Promise<boolean> {
    const rows = await this.manager.execute(
      `UPDATE yly_print_part SET status = 'failed', last_error = ?, updated_at = now()
        WHERE id = ? AND status = 'unknown' RETURNING id`,
      [reason, partId]
    )
    return rows.length > 0
  }

  /**
   * sent | unknown → canceled: the cloud withdrew the print or says it is canceled (or the
   * printer was unbound, taking its queue along). Settles the job when nobody holds it.
   */
  async markWithdrawn(partId: string, reason: string): Promise<boolean> {
    return this.manager.transactional(async (em) => {
      const [part] = await em.execute(`SELECT job_id FROM yly_print_part WHERE id = ?`, [partId])
      if (!part) return false
      const [job] = await em.execute(`SELECT id, claim_id FROM yly_print_job WHERE id = ? FOR UPDATE`, [part.job_id])
      const rows = await em.execute(
        `UPDATE yly_print_part SET status = 'canceled', last_error = ?, updated_at = now()
          WHERE id = ? AND status IN ('sent', 'unknown') RETURNING id`,
        [reason, partId]
      )
      if (!rows.length) return false
      if (!job.claim_id) await this.settleJob(em, job.id, {})
      return true
    })
  }

  /** Notes that the cloud was asked about a part (so the next check waits its turn). */
  async noteChecked(partIds: string[], error?: string | null): Promise<void> {
    if (!partIds.length) return
    await this.manager.execute(
      `UPDATE yly_print_part SET last_checked_at = now(), last_error = coalesce(?, last_error), updated_at = now()
        WHERE id IN (${marks(partIds.length)})`,
      [error ?? null, ...partIds]
    )
  }

  // ---------------------------------------------------------------- facts from the cloud

  /**
   * → printed, from a finish push or the cloud's order status. Settles the job when nobody holds
   * it. Returns the job and order ids when the part moved, null when it was printed already or
   * can never have printed (never reached the cloud).
   */
  async settlePrinted(partId: string, printedAt: Date): Promise<{ job_id: string; order_id: string } | null> {
    return this.manager.transactional(async (em) => {
      const [part] = await em.execute(`SELECT job_id FROM yly_print_part WHERE id = ?`, [partId])
      if (!part) return null
      const [job] = await em.execute(`SELECT id, order_id, claim_id FROM yly_print_job WHERE id = ? FOR UPDATE`, [part.job_id])
      const moved = await em.execute(
        `UPDATE yly_print_part SET status = 'printed', printed_at = ?, last_error = NULL, updated_at = now()
          WHERE id = ? AND (status IN ('sending', 'sent', 'unknown')
                            OR (status IN ('failed', 'canceled') AND (print_id IS NOT NULL OR first_attempt_at IS NOT NULL)))
          RETURNING id`,
        [printedAt, partId]
      )
      if (!moved.length) return null
      if (!job.claim_id) await this.settleJob(em, job.id, {})
      return { job_id: job.id, order_id: job.order_id }
    })
  }

  /**
   * The device's accept/reject for a job that asked for one: the first decision wins. Returns
   * false when the job asked for none or was decided already.
   */
  async recordDecision(jobId: string, decision: "accepted" | "rejected", at: Date): Promise<boolean> {
    const rows = await this.manager.execute(
      `UPDATE yly_print_job SET decision = ?, decided_at = ?, updated_at = now()
        WHERE id = ? AND asks_decision = true AND decision IS NULL RETURNING id`,
      [decision, at, jobId]
    )
    return rows.length > 0
  }

  /** What came of a rejection (the order canceled, or why not), kept with the decision. */
  async noteDecision(jobId: string, note: string): Promise<void> {
    await this.manager.execute(`UPDATE yly_print_job SET decision_note = ?, updated_at = now() WHERE id = ?`, [note, jobId])
  }

  // ---------------------------------------------------------------- cancel and replace

  /**
   * Asks to cancel these jobs (order canceled, replaced by a reprint, queue cleared). Parts that
   * never left are canceled at once; parts that may be at the cloud (sent, unknown, sending)
   * wait for a withdrawal by the holder of the claim (or the next claimer). Printed, failed and
   * canceled jobs are left alone. Returns what is left to withdraw per job.
   */
  async requestCancel(
    jobIds: string[],
    reason: string,
    replacedBy: string | null = null
  ): Promise<{ job_id: string; status: PrintStatus; claimed: boolean; to_withdraw: number }[]> {
    if (!jobIds.length) return []
    return this.manager.transactional(async (em) => {
      const jobs = await em.execute(
        `SELECT id, status, claim_id FROM yly_print_job
          WHERE id IN (${marks(jobIds.length)}) AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
        jobIds
      )
      const out: { job_id: string; status: PrintStatus; claimed: boolean; to_withdraw: number }[] = []
      for (const job of jobs) {
        if (job.status === "printed" || job.status === "failed" || job.status === "canceled") {
          out.push({ job_id: job.id, status: job.status, claimed: false, to_withdraw: 0 })
          continue
        }
        await em.execute(
          `UPDATE yly_print_job SET cancel_requested_at = coalesce(cancel_requested_at, now()),
                  cancel_reason = coalesce(cancel_reason, ?), replaced_by = coalesce(replaced_by, ?), updated_at = now()
            WHERE id = ?`,
          [reason, replacedBy, job.id]
        )
        await em.execute(
          `UPDATE yly_print_part SET status = 'canceled', last_error = ?, updated_at = now()
            WHERE job_id = ? AND status IN ('pending', 'waiting')`,
          [reason, job.id]
        )
        const [left] = await em.execute(
          `SELECT count(*)::int AS n FROM yly_print_part WHERE job_id = ? AND status IN ('sending', 'sent', 'unknown')`,
          [job.id]
        )
        const claimed = Boolean(job.claim_id)
        const status = claimed ? "sending" : await this.settleJob(em, job.id, {})
        out.push({ job_id: job.id, status, claimed, to_withdraw: Number(left.n) })
      }
      return out
    })
  }

  /**
   * After `printer/cancelall` succeeded at `at`: the printer's sent parts of jobs with a cancel
   * request and no holder are withdrawn (the holder of a claimed one withdraws it itself).
   */
  async settleWithdrawnByCancelAll(printerId: string, at: Date, reason: string): Promise<string[]> {
    return this.manager.transactional(async (em) => {
      const jobs = await em.execute(
        `SELECT id, order_id FROM yly_print_job
          WHERE printer_id = ? AND cancel_requested_at IS NOT NULL AND claim_id IS NULL
            AND status IN ('sent', 'unknown') AND deleted_at IS NULL FOR UPDATE`,
        [printerId]
      )
      const orders = new Set<string>()
      for (const job of jobs) {
        const moved = await em.execute(
          `UPDATE yly_print_part SET status = 'canceled', last_error = ?, updated_at = now()
            WHERE job_id = ? AND status = 'sent' AND sent_at <= ? RETURNING id`,
          [reason, job.id, at]
        )
        if (moved.length) {
          await this.settleJob(em, job.id, {})
          orders.add(job.order_id)
        }
      }
      return [...orders]
    })
  }

  /**
   * Removes reprint jobs that never left (compensation of a reprint that could not replace its
   * original). Only jobs nobody attempted are removed.
   */
  async discardUnsent(jobIds: string[]): Promise<number> {
    if (!jobIds.length) return 0
    return this.manager.transactional(async (em) => {
      const rows = await em.execute(
        `SELECT id FROM yly_print_job WHERE id IN (${marks(jobIds.length)}) AND status = 'pending'
            AND attempts = 0 AND claim_id IS NULL FOR UPDATE`,
        jobIds
      )
      if (!rows.length) return 0
      const ids = rows.map((r: any) => r.id)
      await em.execute(`DELETE FROM yly_print_part WHERE job_id IN (${marks(ids.length)})`, ids)
      await em.execute(`DELETE FROM yly_print_job WHERE id IN (${marks(ids.length)})`, ids)
      return ids.length
    })
  }

  /**
   * Reserves a job for the reprint that will replace it: the first reservation wins. Returns the
   * id of the reprint that holds it (this one, or the one that was first).
   */
  async reserveReplacement(jobId: string, reprintId: string): Promise<string> {
    const [row] = await this.manager.execute(
      `UPDATE yly_print_job SET replaced_by = coalesce(replaced_by, ?), updated_at = now() WHERE id = ? RETURNING replaced_by`,
      [reprintId, jobId]
    )
    return row?.replaced_by ?? reprintId
  }

  /** Frees a reservation whose reprint was not made (refused or compensated). */
  async releaseReplacement(jobId: string, reprintId: string): Promise<void> {
    await this.manager.execute(
      `UPDATE yly_print_job SET replaced_by = NULL, updated_at = now() WHERE id = ? AND replaced_by = ?`,
      [jobId, reprintId]
    )
  }

  // ---------------------------------------------------------------- housekeeping

  /** Removes finished jobs (with their parts) and push events older than `cutoff`. */
  async pruneBefore(cutoff: Date): Promise<{ jobs: number; push_events: number }> {
    return this.manager.transactional(async (em) => {
      const jobs = await em.execute(
        `SELECT id FROM yly_print_job WHERE status IN ('printed', 'canceled', 'failed') AND updated_at < ?`,
        [cutoff]
      )
      if (jobs.length) {
        const ids = jobs.map((j: any) => j.id)
        await em.execute(`DELETE FROM yly_print_part WHERE job_id IN (${marks(ids.length)})`, ids)
        await em.execute(`DELETE FROM yly_print_job WHERE id IN (${marks(ids.length)})`, ids)
      }
      const pushes = await em.execute(`DELETE FROM yly_push_event WHERE created_at < ? RETURNING id`, [cutoff])
      return { jobs: jobs.length, push_events: pushes.length }
    })
  }

  // ---------------------------------------------------------------- derivation

  /**
   * Writes the job's derived status and the fields that follow from its parts (first attempt,
   * sent / printed / canceled times); with `release`, ends the claim. The job row is locked.
   */
  private async settleJob(
    em: SqlManager,
    jobId: string,
    opts: { release?: boolean; nextAt?: Date | null; failure?: Failure | null }
  ): Promise<PrintStatus> {
    const parts: LedgerPart[] = await em.execute(
      `SELECT status, attempts, first_attempt_at, printed_at, last_error FROM yly_print_part
        WHERE job_id = ? AND deleted_at IS NULL`,
      [jobId]
    )
    const status = deriveJobStatus(parts)
    const firstAttempt = parts.map((p) => ms(p.first_attempt_at)).filter(Boolean)
    const printedAt = Math.max(0, ...parts.map((p) => ms(p.printed_at)))
    const done = status === "printed" || status === "canceled" || status === "sent"
    const failedPart = parts.find((p) => p.status === "failed")
    const failure = opts.failure ?? (failedPart ? { reason: failedPart.last_error ?? "The print failed.", code: "failed" } : null)
    const sets = [
      "status = ?",
      "first_attempt_at = ?",
      "printed_at = ?",
      "sent_at = CASE WHEN ? IN ('sent', 'printed') THEN coalesce(sent_at, now()) ELSE sent_at END",
      "canceled_at = CASE WHEN ? = 'canceled' THEN coalesce(canceled_at, now()) ELSE canceled_at END",
      "updated_at = now()",
    ]
    const params: unknown[] = [
      status,
      firstAttempt.length ? new Date(Math.min(...firstAttempt)) : null,
      printedAt ? new Date(printedAt) : null,
      status,
      status,
    ]
    if (opts.release) {
      sets.push("claim_id = NULL", "lease_until = NULL", "next_attempt_at = ?")
      params.push(done ? null : opts.nextAt ?? null)
    }
    if (done) {
      sets.push("last_error = CASE WHEN ? = 'canceled' THEN coalesce(cancel_reason, last_error) ELSE NULL END", "last_error_code = NULL")
      params.push(status)
    } else if (failure) {
      sets.push("last_error = ?", "last_error_code = ?")
      params.push(failure.reason, failure.code)
    }
    params.push(jobId)
    await em.execute(`UPDATE yly_print_job SET ${sets.join(", ")} WHERE id = ?`, params)
    return status
  }
}

/** Statuses of a part that may still change (used by readers to find open work). */
export const OPEN_PART_STATUSES = OPEN_PART
