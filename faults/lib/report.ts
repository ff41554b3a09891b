import type { Scale } from "../config"
import type { Account } from "./ledger"
import type { ScenarioExtra } from "./scenario"

export type Row = {
  name: string
  title: string
  startedAt: string
  durationS: number
  placed: number
  placementErrors: number
  tokenFetches: number
  account: Account
  extra: ScenarioExtra
  notes: string[]
  error: string | null
}

/** The row's pushes: the finish pushes of its prints, plus any the harness sent itself. */
export function pushFigures(r: Row): { applied: number; total: number } {
  const own = r.extra.pushes
  return {
    applied: r.account.finishPushes.applied + (own?.applied ?? 0),
    total: r.account.finishPushes.total + (own?.total ?? 0),
  }
}

/** What makes a row fail: anything printed twice, not at all, or that should not have printed; a push lost; a crash. */
export function failures(r: Row): string[] {
  const a = r.account
  const out: string[] = []
  if (r.error) out.push(`the scenario itself failed: ${r.error}`)
  if (a.duplicates) out.push(`${a.duplicates} duplicate slip(s)`)
  if (a.lost) out.push(`${a.lost} receipt(s) lost`)
  if (a.unwanted) out.push(`${a.unwanted} slip(s) that must not print (canceled order / wrong printer)`)
  if (a.stray) out.push(`${a.stray} slip(s) no print job accounts for`)
  const p = pushFigures(r)
  if (p.applied < p.total) out.push(`${p.total - p.applied} push(es) not applied once`)
  if (a.staleJobs.length) out.push(`${a.staleJobs.length} job(s) whose every part printed still say "${[...new Set(a.staleJobs.map((j) => j.status))].join('", "')}"`)
  if (a.orders !== r.placed) out.push(`${a.orders} orders in the database, ${r.placed} confirmed by the Store API`)
  return out
}

const secs = (v: number | null) => (v === null ? "—" : `${v} s`)

export function markdown(rows: Row[], meta: { scale: Scale; date: string; machine: string; seed: number; durationS: number; setup: string[] }): string {
  const lines: string[] = []
  lines.push(`# Faults and scale-out — ${meta.scale.name} form`, "")
  lines.push(`${meta.date} · ${meta.machine} · seed ${meta.seed} · ${Math.round(meta.durationS / 60)} min in all`, "")
  lines.push(
    "One worker and two servers (`medusa start`, each its own OS process, `MEDUSA_WORKER_MODE`), Medusa's Redis event bus, " +
      "workflow engine, cache and locking; orders placed through the Store API on both servers; the project's simulator as the cloud, " +
      "its pushes reaching both servers through a round-robin balancer. Ground truth: the simulator's paper.",
    ""
  )
  lines.push("| scenario | orders | printed exactly once | duplicates | lost | token fetches | time until the last print | pushes applied once | |")
  lines.push("|---|---:|---:|---:|---:|---:|---:|---:|---|")
  for (const r of rows) {
    const a = r.account
    const p = pushFigures(r)
    const bad = failures(r)
    const orders = a.canceled ? `${a.orders} (${a.canceled} canceled)` : `${a.orders}`
    lines.push(
      `| ${r.title} | ${orders} | ${a.exactlyOnce} | ${a.duplicates + a.unwanted + a.stray} | ${a.lost} | ${r.tokenFetches} | ${secs(a.lastPrintS)} | ${p.applied} / ${p.total} | ${bad.length ? "✗" : "✓"} |`
    )
  }
  lines.push("")
  lines.push(
    "*printed exactly once*: orders whose every expected receipt (front printer: all; kitchen: orders with food) is on paper once, " +
      "and a canceled order's not at all. *duplicates*: extra slips, slips of canceled orders or for the wrong printer, and slips no job " +
      "accounts for. *lost*: expected receipts not on paper when the scenario settled. *time until the last print*: from the scenario's " +
      "start to its orders' last slip. *pushes applied once*: each print's finish push recorded once and applied to its print (plus, for the " +
      "push scenario, every distinct push the harness sent)."
  )
  lines.push("")
  for (const r of rows) {
    const bad = failures(r)
    lines.push(`## ${r.title}${bad.length ? " — ✗" : ""}`, "")
    if (bad.length) lines.push(...bad.map((b) => `- **${b}**`))
    lines.push(`- jobs: ${JSON.stringify(r.account.jobStatuses)}; finish pushes: ${JSON.stringify(r.account.finishPushes.outcomes)}`)
    if (r.extra.pushes) lines.push(`- harness pushes: ${JSON.stringify(r.extra.pushes.outcomes)}`)
    if (r.placementErrors) lines.push(`- ${r.placementErrors} Store API placements failed`)
    lines.push(...r.notes.map((n) => `- ${n}`))
    if (r.extra.rss) {
      lines.push("", "| process | RSS at the start | RSS at the end |", "|---|---:|---:|")
      for (const [name, v] of Object.entries(r.extra.rss)) {
        lines.push(`| ${name} | ${mb(v.start)} | ${mb(v.end)}${v.restarted ? " (restarted during the soak)" : ""} |`)
      }
    }
    const shown = r.account.problems.slice(0, 8)
    if (shown.length) {
      lines.push("", "Problem receipts (first 8):", "")
      for (const v of shown) {
        const what = v.lost ? "LOST" : v.duplicates ? `${v.duplicates} DUPLICATE(S)` : `${v.unwanted} UNWANTED`
        lines.push(
          `- order #${v.display_id} (${v.order_id}) on ${v.printer}${v.canceled ? " [canceled]" : ""}: ${what}; ` +
            `slips ${JSON.stringify(v.slips.map((s) => `${s.originId}@${s.printedAt}`))}; jobs ${JSON.stringify(
              v.jobs.map((j) => ({ status: j.status, attempts: j.attempts, err: j.last_error_code, by: j.requested_by, parts: j.parts.map((p) => `${p.origin_id}:${p.status}:${p.print_id ?? "-"}`) }))
            )}`
        )
      }
    }
    if (r.account.staleJobs.length) {
      lines.push("", "Jobs whose parts all printed but whose status says otherwise (first 8):", "")
      for (const j of r.account.staleJobs.slice(0, 8)) lines.push(`- order #${j.order} on ${j.printer}: job ${j.job} is "${j.status}"`)
    }
    const pushes = r.account.pushProblems.slice(0, 8)
    if (pushes.length) {
      lines.push("", "Finish pushes not applied to their print (first 8):", "")
      for (const p of pushes) {
        lines.push(`- order #${p.order} on ${p.printer}: print ${p.print_id} (origin ${p.origin_id}) → push outcome "${p.outcome}"; the part is ${p.part}; the job ${p.job}`)
      }
    }
    lines.push("")
  }
  lines.push("## Set-up", "", ...meta.setup.map((s) => `- ${s}`), "")
  return lines.join("\n")
}

function mb(v: number | null): string {
  return v === null ? "—" : `${(v / 1024 / 1024).toFixed(0)} MB`
}

/** The table alone, for the terminal. */
export function terminalTable(rows: Row[]): string {
  const head = ["scenario", "orders", "once", "dup", "lost", "tokens", "last print", "pushes", ""]
  const body = rows.map((r) => {
    const a = r.account
    const p = pushFigures(r)
    return [
      r.name,
      String(a.orders),
      String(a.exactlyOnce),
      String(a.duplicates + a.unwanted + a.stray),
      String(a.lost),
      String(r.tokenFetches),
      secs(a.lastPrintS),
      `${p.applied}/${p.total}`,
      failures(r).length ? "FAIL" : "ok",
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)))
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")
  return [fmt(head), ...body.map(fmt)].join("\n")
}
