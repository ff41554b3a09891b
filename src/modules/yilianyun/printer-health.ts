/**
 * What the admin says about a printer, derived from facts only (pure, no I/O): whether it is
 * online, when it was last seen, what really waits for it, and whether that deserves a warning.
 *
 * - A sign of life is anything the device itself did: a print confirmed on paper (finish push or
 *   `getorderstatus`), any push it sent (finish — test pages included —, a key press, an
 *   accept/reject decision), or an "online" status. A status the cloud reported earlier than the
 *   latest sign of life is outdated: a printer that printed after "offline" or "paper out" is back.
 *   A successful `print/index` is not one: the cloud queues prints for a printer that is off.
 * - "Waiting" counts only jobs this store still has to deliver to the cloud. A job at the cloud
 *   ("sent") has gone out; it only counts, as "unconfirmed", once it has gone unconfirmed long
 *   enough to be listed among the jobs that need attention.
 * - A warning needs both: work that is late, and a printer silent for `staleAfterMs`.
 *
 * Job statuses: those of the ledger today (pending | sent | printed | failed | canceled) and of the
 * rewritten one (pending | sending | waiting | unknown | sent | printed | failed | canceled).
 */

export type PrinterState = "unknown" | "online" | "offline" | "paper_out"

/** not yet at the cloud (or the last attempt's outcome unknown): the store still has to send these */
export const WAITING_JOB_STATUSES = ["pending", "sending", "waiting", "unknown"] as const
/** queued at the cloud, not yet confirmed printed */
export const AT_CLOUD_JOB_STATUSES = ["sent"] as const

type When = Date | string | number | null | undefined

export type HealthJob = { status: string; created_at: When; sent_at?: When }

export type HealthInput = {
  /** the status last stored for the printer (a status push or a live check) and when */
  status: string | null | undefined
  status_at: When
  /** the newest printed_at among the printer's jobs */
  last_printed_at?: When
  /** when the newest push sent by this device arrived (finish, key press, decision) */
  last_push_at?: When
  /** the printer's jobs that are not finished (printed, failed and canceled ones may be left out) */
  jobs: HealthJob[]
  now: number
  /** a waiting job older than this is late (the jobs list calls it stuck) */
  waitingLateAfterMs: number
  /** a sent job unconfirmed for longer than this is late (the jobs list calls it stuck) */
  unconfirmedAfterMs: number
  /** a printer with late work not seen for this long gets a warning */
  staleAfterMs: number
}

export type PrinterHealth = {
  status: PrinterState
  status_at: string | null
  last_seen_at: string | null
  /** jobs not yet at the cloud */
  waiting: number
  oldest_waiting_at: string | null
  /** jobs at the cloud, unconfirmed for longer than `unconfirmedAfterMs` */
  unconfirmed: number
  /** waiting jobs older than `waitingLateAfterMs` plus the unconfirmed ones */
  late: number
  stale: boolean
}

const ms = (v: When): number | null => {
  if (v === null || v === undefined || v === "") return null
  const t = v instanceof Date ? v.getTime() : typeof v === "number" ? v : new Date(v).getTime()
  return Number.isFinite(t) ? t : null
}
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())
const latest = (...values: (number | null)[]) =>
  values.reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.max(a, b)), null)

const STATES: readonly PrinterState[] = ["unknown", "online", "offline", "paper_out"]

export function printerHealth(input: HealthInput): PrinterHealth {
  const stored: PrinterState = STATES.includes(input.status as PrinterState) ? (input.status as PrinterState) : "unknown"
  const storedAt = ms(input.status_at)
  const activity = latest(ms(input.last_printed_at), ms(input.last_push_at))

  let status = stored
  let statusAt = storedAt
  if (activity !== null && (stored === "unknown" || storedAt === null || activity > storedAt)) {
    status = "online"
    statusAt = activity
  }
  const lastSeen = latest(activity, stored === "online" ? storedAt : null)

  const waiting = input.jobs.filter((j) => (WAITING_JOB_STATUSES as readonly string[]).includes(j.status))
  const oldestWaiting = waiting.map((j) => ms(j.created_at)).reduce<number | null>((a, b) => (b === null ? a : a === null ? b : Math.min(a, b)), null)
  const lateWaiting = waiting.filter((j) => {
    const t = ms(j.created_at)
    return t !== null && input.now - t >= input.waitingLateAfterMs
  }).length
  const unconfirmed = input.jobs.filter((j) => {
    if (!(AT_CLOUD_JOB_STATUSES as readonly string[]).includes(j.status)) return false
    const t = ms(j.sent_at) ?? ms(j.created_at)
    return t !== null && input.now - t >= input.unconfirmedAfterMs
  }).length
  const late = lateWaiting + unconfirmed
  const silent = lastSeen === null || input.now - lastSeen >= input.staleAfterMs

  return {
    status,
    status_at: iso(statusAt),
    last_seen_at: iso(lastSeen),
    waiting: waiting.length,
    oldest_waiting_at: iso(oldestWaiting),
    unconfirmed,
    late,
    stale: late > 0 && silent,
  }
}
