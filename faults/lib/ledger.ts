import { Client } from "pg"
import type { PaperSlip, SimulatorControl } from "../../src/simulator"
import type { Expect } from "./shop"

export type BoundPrinter = { role: keyof Expect; id: string; machineCode: string }

/** What one (order, printer) pair shows on paper, judged against what the harness expects. */
export type PairVerdict = {
  order_id: string
  display_id: number
  printer: keyof Expect
  expected: boolean
  canceled: boolean
  jobs: { id: string; status: string; attempts: number; last_error_code: string | null; requested_by: string; parts: { origin_id: string; print_id: string | null; status: string }[] }[]
  slips: { printId: string; originId: string; printedAt: number }[]
  /** distinct parts of the best-covered job that came out */
  covered: number
  needed: number
  duplicates: number
  lost: boolean
  unwanted: number
}

export type Account = {
  orders: number
  canceled: number
  exactlyOnce: number
  duplicates: number
  lost: number
  unwanted: number
  /** slips printed during the scenario that no job of the plugin accounts for */
  stray: number
  /** seconds from the scenario's start to the last slip of its orders */
  lastPrintS: number | null
  /** finish pushes of this scenario's prints that were recorded once and applied to their print */
  finishPushes: { applied: number; total: number; outcomes: Record<string, number> }
  /** the prints whose finish push was not applied to them, with the plugin's view of them */
  pushProblems: { order: number; printer: string; print_id: string; origin_id: string; outcome: string; part: string; job: string }[]
  jobStatuses: Record<string, number>
  /** jobs whose every part printed while the job itself says otherwise (a status overwritten) */
  staleJobs: { order: number; printer: string; job: string; status: string }[]
  paperComplete: boolean
  jobsTerminal: boolean
  problems: PairVerdict[]
}

const TERMINAL = new Set(["printed", "canceled", "failed"])

/**
 * Ground truth: the simulator's paper (what really came out of each printer, by origin id),
 * compared with the orders the scenario placed (found in the database by the cart metadata the
 * harness wrote) and what the harness expects per order — the plugin's job rows only map origin
 * ids back to orders and explain what went wrong.
 */
export class Ledger {
  private constructor(private readonly db: Client, private readonly sim: SimulatorControl, private readonly printers: BoundPrinter[]) {}

  static async open(databaseUrl: string, sim: SimulatorControl, printers: BoundPrinter[]): Promise<Ledger> {
    const db = new Client({ connectionString: databaseUrl })
    await db.connect()
    return new Ledger(db, sim, printers)
  }

  close(): Promise<void> {
    return this.db.end()
  }

  query(sql: string, params: unknown[] = []): Promise<any[]> {
    return this.db.query(sql, params).then((r) => r.rows)
  }

  async paper(): Promise<Map<string, PaperSlip[]>> {
    const out = new Map<string, PaperSlip[]>()
    for (const p of this.printers) out.set(p.role, await this.sim.paper(p.machineCode))
    return out
  }

  async account(run: string, scenario: string, window: { startMs: number; endMs: number }): Promise<Account> {
    const orders = await this.query(
      `SELECT id, display_id, status, canceled_at, metadata FROM "order"
        WHERE metadata->>'faults_run' = $1 AND metadata->>'faults_scenario' = $2 AND deleted_at IS NULL`,
      [run, scenario]
    )
    const ids = orders.map((o) => o.id)
    const rows = ids.length
      ? await this.query(
          `SELECT j.id, j.order_id, j.printer_id, j.trigger, j.status, j.reprint_of, j.attempts, j.last_error_code,
                  j.requested_by, p.origin_id, p.print_id, p.status AS part_status, p.part_number, p.part_count
             FROM yly_print_job j LEFT JOIN yly_print_part p ON p.job_id = j.id AND p.deleted_at IS NULL
            WHERE j.order_id = ANY($1) AND j.deleted_at IS NULL
            ORDER BY j.created_at, p.part_number`,
          [ids]
        )
      : []
    const knownOrigins = new Set((await this.query(`SELECT origin_id FROM yly_print_part`)).map((r) => r.origin_id))
    const paper = await this.paper()

    const jobStatuses: Record<string, number> = {}
    const jobsByPair = new Map<string, Map<string, PairVerdict["jobs"][number]>>()
    for (const r of rows) {
      if (r.trigger !== "order.placed" || r.reprint_of) continue
      const printer = this.printers.find((p) => p.id === r.printer_id)
      if (!printer) continue
      const key = `${r.order_id}|${printer.role}`
      const jobs = jobsByPair.get(key) ?? new Map()
      jobsByPair.set(key, jobs)
      let job = jobs.get(r.id)
      if (!job) {
        job = { id: r.id, status: r.status, attempts: r.attempts, last_error_code: r.last_error_code, requested_by: r.requested_by, parts: [] }
        jobs.set(r.id, job)
        jobStatuses[r.status] = (jobStatuses[r.status] ?? 0) + 1
      }
      if (r.origin_id) job.parts.push({ origin_id: r.origin_id, print_id: r.print_id, status: r.part_status })
    }

    const verdicts: PairVerdict[] = []
    let lastSlip = 0
    const scenarioPrintIds: { machineCode: string; printId: string; originId: string; order: number; printer: string; job: string; part: string }[] = []
    for (const o of orders) {
      const expect: Expect = o.metadata?.faults_expect ?? { front: true, kitchen: true }
      const canceled = o.status === "canceled"
      for (const printer of this.printers) {
        const jobs = [...(jobsByPair.get(`${o.id}|${printer.role}`)?.values() ?? [])]
        const origins = new Set(jobs.flatMap((j) => j.parts.map((p) => p.origin_id)))
        const slips = (paper.get(printer.role) ?? []).filter((s) => origins.has(s.originId))
        for (const s of slips) {
          lastSlip = Math.max(lastSlip, s.printedAt)
          const job = jobs.find((j) => j.parts.some((p) => p.origin_id === s.originId))!
          const part = job.parts.find((p) => p.origin_id === s.originId)!
          scenarioPrintIds.push({
            machineCode: printer.machineCode,
            printId: s.printId,
            originId: s.originId,
            order: o.display_id,
            printer: printer.role,
            job: job.status,
            part: `${part.status}, print id ${part.print_id ?? "none"}`,
          })
        }
        const expected = expect[printer.role] && !canceled
        // what came out before the order was canceled cannot be taken back; after, it must not print
        const canceledAtS = o.canceled_at ? new Date(o.canceled_at).getTime() / 1000 : Infinity
        const afterCancel = slips.filter((s) => s.printedAt > canceledAtS + 1).length
        let covered = 0
        let needed = 1
        for (const j of jobs) {
          const onPaper = new Set(slips.filter((s) => j.parts.some((p) => p.origin_id === s.originId)).map((s) => s.originId)).size
          if (onPaper > covered || (onPaper === covered && j.parts.length < needed)) {
            covered = onPaper
            needed = Math.max(1, j.parts.length)
          }
        }
        const v: PairVerdict = {
          order_id: o.id,
          display_id: o.display_id,
          printer: printer.role,
          expected,
          canceled,
          jobs,
          slips: slips.map((s) => ({ printId: s.printId, originId: s.originId, printedAt: s.printedAt })),
          covered,
          needed,
          duplicates: expected ? slips.length - covered : 0,
          lost: expected && covered < needed,
          unwanted: expected ? 0 : canceled ? afterCancel : slips.length,
        }
        verdicts.push(v)
      }
    }

    let stray = 0
    for (const slips of paper.values()) {
      for (const s of slips) {
        const t = s.printedAt * 1000
        if (!knownOrigins.has(s.originId) && t >= window.startMs - 1000 && t <= window.endMs) stray++
      }
    }

    const { figures: finishPushes, byKey } = await this.finishPushes(scenarioPrintIds)
    const pushProblems = scenarioPrintIds
      .filter((p) => !["printed", "already-printed"].includes(byKey.get(`finish:${p.machineCode}:${p.printId}`) ?? ""))
      .map((p) => ({
        order: p.order,
        printer: p.printer,
        print_id: p.printId,
        origin_id: p.originId,
        outcome: byKey.get(`finish:${p.machineCode}:${p.printId}`) ?? "not recorded",
        part: p.part,
        job: p.job,
      }))
    const byOrder = new Map<string, PairVerdict[]>()
    for (const v of verdicts) byOrder.set(v.order_id, [...(byOrder.get(v.order_id) ?? []), v])
    const clean = (v: PairVerdict) => !v.lost && v.duplicates === 0 && v.unwanted === 0
    const allJobs = [...jobsByPair.values()].flatMap((m) => [...m.values()])
    const staleJobs = verdicts.flatMap((v) =>
      v.jobs
        .filter((j) => j.parts.length && j.parts.every((p) => p.status === "printed") && j.status !== "printed")
        .map((j) => ({ order: v.display_id, printer: v.printer, job: j.id, status: j.status }))
    )
    return {
      orders: orders.length,
      canceled: orders.filter((o) => o.status === "canceled").length,
      exactlyOnce: [...byOrder.values()].filter((vs) => vs.every(clean)).length,
      duplicates: verdicts.reduce((n, v) => n + v.duplicates, 0),
      lost: verdicts.filter((v) => v.lost).length,
      unwanted: verdicts.reduce((n, v) => n + v.unwanted, 0),
      stray,
      lastPrintS: lastSlip ? Math.max(0, lastSlip - Math.floor(window.startMs / 1000)) : null,
      finishPushes,
      pushProblems,
      jobStatuses,
      staleJobs,
      paperComplete: verdicts.every((v) => !v.lost),
      jobsTerminal: allJobs.every((j) => TERMINAL.has(j.status)),
      problems: verdicts.filter((v) => !clean(v)),
    }
  }

  /**
   * Each print's finish push: recorded (a re-delivery is deduped into the same row) and applied to
   * that print? Matched by the push's own fields (machine code and print id), whatever the plugin's
   * dedupe key looks like; a push refused as stale or future is a separate row and does not count.
   */
  private async finishPushes(
    prints: { machineCode: string; printId: string }[]
  ): Promise<{ figures: Account["finishPushes"]; byKey: Map<string, string> }> {
    const keys = prints.map((p) => `finish:${p.machineCode}:${p.printId}`)
    const rows = prints.length
      ? await this.query(
          `SELECT 'finish:' || machine_code || ':' || order_id AS key, outcome FROM yly_push_event
            WHERE cmd = 'oauth_finish' AND order_id = ANY($1) AND deleted_at IS NULL
              AND (outcome IS NULL OR outcome NOT LIKE 'refused-%')`,
          [prints.map((p) => p.printId)]
        )
      : []
    const byKey = new Map<string, string>()
    // "already-printed": applied to a print the cloud's order status had settled a moment before
    const applied = (o: string | undefined) => o === "printed" || o === "already-printed"
    for (const r of rows) if (!byKey.has(r.key) || applied(r.outcome)) byKey.set(r.key, r.outcome ?? "not applied")
    const outcomes: Record<string, number> = {}
    for (const k of keys) {
      const o = byKey.get(k) ?? "not recorded"
      outcomes[o] = (outcomes[o] ?? 0) + 1
    }
    return {
      figures: { applied: keys.filter((k) => applied(byKey.get(k))).length, total: keys.length, outcomes },
      byKey,
    }
  }

  /** Pushes the harness sent itself (by dedupe key): recorded once, with an outcome? */
  async pushesApplied(keys: string[]): Promise<{ applied: number; total: number; outcomes: Record<string, number> }> {
    const rows: any[] = []
    for (let i = 0; i < keys.length; i += 5000) {
      rows.push(
        ...(await this.query(
          `SELECT dedupe_key, count(*)::int AS n, max(outcome) AS outcome FROM yly_push_event
            WHERE dedupe_key = ANY($1) AND deleted_at IS NULL GROUP BY dedupe_key`,
          [keys.slice(i, i + 5000)]
        ))
      )
    }
    const outcomes: Record<string, number> = {}
    for (const r of rows) outcomes[r.outcome ?? "not applied"] = (outcomes[r.outcome ?? "not applied"] ?? 0) + 1
    if (keys.length > rows.length) outcomes["not recorded"] = keys.length - rows.length
    return { applied: rows.filter((r) => r.n === 1 && r.outcome).length, total: keys.length, outcomes }
  }
}
