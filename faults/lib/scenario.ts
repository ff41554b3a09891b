import type { Simulator } from "../../src/simulator"
import type { Scale } from "../config"
import { Cluster, sleep } from "./cluster"
import type { SeedResult } from "./infra"
import type { Account, BoundPrinter, Ledger } from "./ledger"
import { Admin, placeOrder, PlacedOrder } from "./shop"

export type Ctx = {
  run: string
  scale: Scale
  seed: SeedResult
  sim: Simulator
  cluster: Cluster
  admin: Admin
  ledger: Ledger
  printers: BoundPrinter[]
  /** the environment every Medusa process of the run gets (database, Redis, cloud) */
  medusaEnv: Record<string, string>
  logDir: string
  log: (m: string) => void
  rand: () => number
}

/** What a scenario adds to its row beyond the ledger's account. */
export type ScenarioExtra = {
  /** pushes the harness sent itself: recorded once and applied */
  pushes?: { applied: number; total: number; outcomes: Record<string, number> }
  rss?: Record<string, { start: number | null; end: number | null; restarted: boolean }>
}

export type Scenario = {
  name: string
  title: string
  run: (ctx: Ctx, s: ScenarioRun) => Promise<ScenarioExtra | void>
}

/** One scenario's run: the orders it placed, its notes, and the helpers that place them. */
export class ScenarioRun {
  readonly placed: PlacedOrder[] = []
  readonly notes: string[] = []
  startMs = Date.now()
  placementErrors = 0
  lastOrderAt = Date.now()
  private seq = 0

  constructor(readonly name: string, private readonly ctx: Ctx) {}

  /** Starts the scenario's clock again, after a preparation that is not part of what it measures. */
  begin(): void {
    this.startMs = Date.now()
    this.lastOrderAt = this.startMs
  }

  /** A timestamped note for the report ("+12.3 s worker SIGKILL"). */
  note(text: string): void {
    const line = `+${((Date.now() - this.startMs) / 1000).toFixed(1)} s ${text}`
    this.notes.push(line)
    this.ctx.log(`  ${this.name}: ${line}`)
  }

  /** Places one order on the next server (the two servers take turns). */
  async placeOne(override?: Parameters<typeof placeOrder>[3]): Promise<PlacedOrder | null> {
    const seq = this.seq++
    const server = this.ctx.cluster.servers[seq % 2]
    try {
      const order = await placeOrder({ name: server.name, url: server.url }, this.ctx.seed, { run: this.ctx.run, scenario: this.name, seq }, override)
      this.placed.push(order)
      this.lastOrderAt = Date.now()
      return order
    } catch (e) {
      this.placementErrors++
      if (this.placementErrors <= 3) this.note(`placing order ${seq} on ${server.name} failed: ${(e as Error).message.slice(0, 200)}`)
      return null
    }
  }

  /**
   * A burst: `n` orders completed by `shoppers` at a time. `at` fires actions (not awaited by
   * the burst: an outage runs while orders keep coming) once that many orders are placed;
   * `each` runs after every order. Resolves when the orders and the actions are done.
   */
  async burst(
    n: number,
    opts: { at?: { after: number; action: () => Promise<void> }[]; each?: (o: PlacedOrder) => Promise<void> } = {}
  ): Promise<void> {
    const pending = [...(opts.at ?? [])].sort((a, b) => a.after - b.after)
    const running: Promise<void>[] = []
    const each: Promise<void>[] = []
    let started = 0
    let done = 0
    const fire = () => {
      while (pending.length && pending[0].after <= done) {
        const { action } = pending.shift()!
        running.push(action().catch((e) => this.note(`action failed: ${(e as Error).message}`)))
      }
    }
    fire()
    const shopper = async () => {
      while (started < n) {
        started++
        const o = await this.placeOne()
        done++
        if (o && opts.each) each.push(opts.each(o).catch((e) => this.note(`after order ${o.display_id}: ${(e as Error).message}`)))
        fire()
      }
    }
    await Promise.all(Array.from({ length: Math.min(n, this.ctx.scale.shoppers) }, shopper))
    fire()
    await Promise.all([...running, ...each])
  }

  /**
   * Orders at a steady rate (one every `intervalMs`) for `durationMs`, with at most `maxInFlight`
   * shoppers at once: when the store cannot keep up, a tick is skipped and counted rather than
   * piling up carts until the Store API times out (that would measure the machine, not the plugin).
   */
  async steady(durationMs: number, intervalMs: number, maxInFlight: number): Promise<{ skipped: number }> {
    const inflight = new Set<Promise<unknown>>()
    const end = this.startMs + durationMs
    let skipped = 0
    for (let due = Date.now(); due < end; due += intervalMs) {
      const wait = due - Date.now()
      if (wait > 0) await sleep(wait)
      if (inflight.size >= maxInFlight) {
        skipped++
        continue
      }
      const p: Promise<unknown> = this.placeOne().finally(() => inflight.delete(p))
      inflight.add(p)
    }
    await Promise.all(inflight)
    return { skipped }
  }
}

/**
 * Waits until every order of the scenario is on paper as expected and every job reached a final
 * status — or until `settleMs` after its last order — then `quietMs` more, so that a late
 * duplicate still counts. Returns the account at that moment.
 */
export async function settle(ctx: Ctx, s: ScenarioRun): Promise<Account> {
  const deadline = s.lastOrderAt + ctx.scale.settleMs
  let account = await ctx.ledger.account(ctx.run, s.name, { startMs: s.startMs, endMs: Date.now() })
  let lastReport = Date.now()
  let paperAt: number | null = null
  while (!(account.paperComplete && account.jobsTerminal) && Date.now() < deadline) {
    if (account.paperComplete) paperAt ??= Date.now()
    // once every receipt is out, job statuses get a shorter wait: they are the plugin's view only
    if (paperAt && Date.now() - paperAt > ctx.scale.statusWaitMs) break
    await sleep(2000)
    account = await ctx.ledger.account(ctx.run, s.name, { startMs: s.startMs, endMs: Date.now() })
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now()
      ctx.log(`  ${s.name}: waiting — ${account.orders - account.lost} of ${account.orders} orders' receipts out… jobs ${JSON.stringify(account.jobStatuses)}`)
    }
  }
  if (!account.paperComplete) s.note(`settle: gave up waiting after ${((Date.now() - s.lastOrderAt) / 1000).toFixed(0)} s — receipts missing`)
  else if (!account.jobsTerminal) s.note(`settle: every receipt is out, but jobs are still ${JSON.stringify(account.jobStatuses)}`)
  await sleep(ctx.scale.quietMs)
  return ctx.ledger.account(ctx.run, s.name, { startMs: s.startMs, endMs: Date.now() })
}
