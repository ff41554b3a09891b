import { createHash } from "node:crypto"
import { Logger } from "@medusajs/framework/types"
import { generateEntityId, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { pushCommandsFor, YilianyunClient, YilianyunTokenApi, YilianyunError } from "../../yilianyun"
import {
  Credential,
  OrderState,
  Design,
  DesignVersion,
  PickupCounter,
  PushRefusal,
  RouteCheck,
  Printer,
  PrintJob,
  PrintPart,
  PushEvent,
  TokenFetch,
} from "./models"
import { parseYilianyunOptions, PUSH_URL_STARTUP_DELAY_MS, YilianyunOptions } from "./options"
import { PrintLedger } from "./ledger"
import type { PrintStatus } from "./statuses"
import { OrderLocks } from "./order-locks"
import { DesignStore } from "./design-store"
import { TokenStatus, TokenStore } from "./token-store"

type InjectedDependencies = {
  logger: Logger
  manager: any
}

/** The cloud's words when its GET probe of a push URL failed (v2: 'url未通过验证…'). */
const URL_CHECK_FAILED = /url|验证|verif|probe/i

/** A print job as the order's print summary reads it (orderPrintState): its parts' print ids only. */
export type OrderPrintJob = {
  id: string
  status: PrintStatus
  reprint_of: string | null
  replaced_by: string | null
  last_error: string | null
  printed_at: Date | null
  created_at: Date
  asks_decision: boolean
  decision: "accepted" | "rejected" | null
  decided_at: Date | null
  decision_note: string | null
  parts: { print_id: string | null }[]
}

/** A push older than this (by its push_time) is refused; neither v1 nor v2 documents a window. */
export const PUSH_MAX_AGE_SEC = 600
/** A push this far ahead of our clock is refused. */
export const PUSH_MAX_FUTURE_SEC = 60

export default class YilianyunModuleService extends MedusaService({
  Credential,
  TokenFetch,
  Printer,
  PrintJob,
  PrintPart,
  PushEvent,
  PickupCounter,
  OrderState,
  RouteCheck,
  PushRefusal,
  Design,
  DesignVersion,
}) {
  protected readonly options_: YilianyunOptions
  protected readonly logger_: Logger
  protected readonly manager_: any
  private client_: YilianyunClient | null = null
  private offsetSamples_: number[] = []
  private offsetSavedAt_ = 0
  private offsetReadAt_ = 0
  private storedOffset_ = 0
  private tokens_: TokenStore | null = null
  /** The only writer of print jobs and parts (ledger.ts). */
  readonly ledger: PrintLedger
  /** Per-order locks that hold across processes (PostgreSQL advisory locks). */
  readonly orderLocks: OrderLocks
  private designs_: DesignStore | null = null

  constructor(container: InjectedDependencies, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseYilianyunOptions(options)
    this.logger_ = container.logger
    this.manager_ = container.manager
    this.ledger = new PrintLedger(this.manager_)
    this.orderLocks = new OrderLocks(this.manager_)
  }

  /** Receipt designs and their saved versions (design-store.ts). */
  designs(): DesignStore {
    return (this.designs_ ??= new DesignStore(this.manager_))
  }

  getOptions(): YilianyunOptions {
    return this.options_
  }

  isConfigured(): boolean {
    return this.options_.configured
  }

  /** The protocol client (one keep-alive pool per process). */
  getClient(): YilianyunClient {
    this.assertConfigured()
    if (!this.client_) {
      this.client_ = new YilianyunClient({
        clientId: this.options_.clientId!,
        clientSecret: this.options_.clientSecret!,
        apiUrl: this.options_.apiUrl,
        connectTimeoutMs: this.options_.timeouts.connectMs,
        requestTimeoutMs: this.options_.timeouts.requestMs,
        onServerTime: (serverSec, localMs) => this.noteServerTime(serverSec, localMs),
      })
    }
    return this.client_
  }

  private tokenStore(): TokenStore {
    this.assertConfigured()
    if (!this.tokens_) {
      const client = this.getClient()
      this.tokens_ = new TokenStore({
        manager: this.manager_,
        clientId: this.options_.clientId!,
        budget: this.options_.tokenFetchBudget,
        backoffBaseMs: this.options_.retry.tokenBackoffMs,
        // a keyed hash, so a block on wrong credentials lifts when they change (never the secret itself)
        fingerprint: createHash("sha256")
          .update(`medusa-plugin-yilianyun\0${this.options_.clientId}\0${this.options_.clientSecret}\0${this.options_.apiUrl}`)
          .digest("hex")
          .slice(0, 16),
        fetchToken: async () => {
          const t = await client.oauth.getToken()
          return { accessToken: t.accessToken, refreshToken: t.refreshToken }
        },
        onFetch: ({ reason, succeeded }) =>
          this.logger_.info(
            `yilianyun: fetched a new access token (${reason}${succeeded ? "" : ", failed"})`
          ),
      })
    }
    return this.tokens_
  }

  /**
   * Runs `fn` with a token-bound API. When the cloud says the token is invalid (14/18), the token
   * is replaced — only if it is still the stored one — and `fn` runs once more with the new one.
   */
  async withApi<T>(fn: (api: YilianyunTokenApi) => Promise<T>): Promise<T> {
    const store = this.tokenStore()
    const client = this.getClient()
    const token = await store.get()
    try {
      return await fn(client.withToken(token))
    } catch (e) {
      // 14 / 18: the cloud no longer accepts this token (revoked by a newer fetch, say)
      if (!(e instanceof YilianyunError) || !e.isTokenInvalid) throw e
      const fresh = await store.replace(token)
      return await fn(client.withToken(fresh))
    }
  }

  async getTokenStatus(): Promise<TokenStatus | null> {
    if (!this.isConfigured()) return null
    return this.tokenStore().status()
  }

  /** Drops the in-process copy of the token; the stored one is read again on next use. */
  forgetCachedToken(): void {
    this.tokens_?.forget()
  }

  /** Explicit, guarded reset from the admin: revokes the old token at the cloud. */
  async resetToken(): Promise<TokenStatus> {
    await this.tokenStore().reset()
    return this.tokenStore().status()
  }

  /**
   * The push URL as last registered with the cloud (null when never), with each command's result:
   * registered (`at`) or refused (`error`).
   */
  async getPushUrlState(): Promise<{
    url: string | null
    registered_at: Date | null
    commands: Record<string, { at?: string; error?: string }>
  }> {
    const none = { url: null, registered_at: null, commands: {} }
    if (!this.isConfigured()) return none
    const [row] = await this.manager_.execute(
      `SELECT push_url, push_url_api, push_url_registered_at, push_url_commands FROM yly_credential WHERE client_id = ? AND deleted_at IS NULL`,
      [this.options_.clientId]
    )
    // registered with another API endpoint (domestic ↔ overseas) counts as not registered here
    if (!row || row.push_url_api !== this.options_.apiUrl) return none
    const commands = typeof row.push_url_commands === "string" ? JSON.parse(row.push_url_commands) : row.push_url_commands
    return { url: row.push_url ?? null, registered_at: row.push_url_registered_at ?? null, commands: commands ?? {} }
  }

  /**
   * Registers the `pushUrl` option with oauth/setpushurl for each push command the API version
   * documents (v2: finish, getOrder, printStatus) — once, and again only when the URL or the API
   * changes (the platform asks not to call it repeatedly) or when forced. Each command's result is
   * recorded on its own: one the cloud refuses is recorded with its reason and not tried again
   * until forced, so a refusal never turns into a registration on every start.
   */
  async registerPushUrl(opts: { force?: boolean } = {}): Promise<{ url: string; registered: boolean; refused: string[] }> {
    const url = this.options_.pushUrl
    if (!url) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "No push URL is configured: set the plugin option pushUrl to the public URL of /hooks/yilianyun."
      )
    }
    const state = await this.getPushUrlState()
    const same = state.url === url
    const commands: Record<string, { at?: string; error?: string }> = same ? { ...state.commands } : {}
    const todo = pushCommandsFor(this.options_.apiUrl).filter((cmd) => opts.force || !same || !commands[cmd])
    if (!todo.length) return { url, registered: false, refused: Object.keys(commands).filter((c) => commands[c].error) }
    let unreachable: unknown = null
    for (const cmd of todo) {
      try {
        await this.withApi((api) => api.pushUrl.set({ cmd, url, status: "open" }))
        commands[cmd] = { at: new Date().toISOString() }
      } catch (e) {
        // a refusal is the cloud's answer and is kept; anything else — including the cloud's probe
        // of the URL failing (this store not answering yet) — is tried again later
        if (e instanceof YilianyunError && e.outcome === "refused" && !URL_CHECK_FAILED.test(e.description)) {
          commands[cmd] = { error: e.message }
        } else unreachable ??= e
      }
    }
    const registered = Object.values(commands).some((c) => c.at)
    await this.manager_.execute(
      `UPDATE yly_credential SET push_url = ?, push_url_api = ?, push_url_commands = ?::jsonb,
              push_url_registered_at = CASE WHEN ? THEN now() ELSE push_url_registered_at END, updated_at = now()
        WHERE client_id = ? AND deleted_at IS NULL`,
      [url, this.options_.apiUrl, JSON.stringify(commands), registered, this.options_.clientId]
    )
    const refused = Object.keys(commands).filter((c) => commands[c].error)
    if (unreachable) throw unreachable
    this.logger_.info(
      `yilianyun: push URL registered (${url})${refused.length ? `; the cloud refused ${refused.join(", ")}` : ""}`
    )
    return { url, registered, refused }
  }

  /**
   * The cloud's clock minus ours (ms), measured from its answers' `timestamp` (median of the last
   * five; shared through the database so a process that makes no API calls judges pushes by
   * it too). Pushes are checked for freshness around it, so an ordinary skew loses no push.
   */
  async clockOffsetMs(): Promise<number> {
    if (this.offsetSamples_.length) return this.localOffset()
    if (Date.now() - this.offsetReadAt_ > 60_000 && this.isConfigured()) {
      this.offsetReadAt_ = Date.now()
      const [row] = await this.manager_.execute(
        `SELECT clock_offset_ms FROM yly_credential WHERE client_id = ? AND deleted_at IS NULL`,
        [this.options_.clientId]
      )
      this.storedOffset_ = row?.clock_offset_ms != null ? Number(row.clock_offset_ms) : 0
    }
    return this.storedOffset_
  }

  private localOffset(): number {
    const sorted = [...this.offsetSamples_].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]
  }

  private noteServerTime(serverSec: number, localMs: number): void {
    // the cloud's timestamp has whole seconds: its clock is somewhere in [sec, sec + 1)
    // the last few answers only: a clock corrected by NTP (ours or the cloud's) counts within seconds
    this.offsetSamples_.push(serverSec * 1000 + 500 - localMs)
    if (this.offsetSamples_.length > 5) this.offsetSamples_.shift()
    if (Date.now() - this.offsetSavedAt_ < 60_000) return
    this.offsetSavedAt_ = Date.now()
    this.manager_
      .execute(`UPDATE yly_credential SET clock_offset_ms = ?, clock_offset_at = now() WHERE client_id = ? AND deleted_at IS NULL`, [
        Math.round(this.localOffset()),
        this.options_.clientId,
      ])
      .catch(() => undefined)
  }

  /** Counts a push the hook refused, by reason (shown in the admin's status). */
  async notePushRefused(reason: string, fields: { cmd?: string; machine_code?: string }): Promise<void> {
    await this.manager_.execute(
      `INSERT INTO yly_push_refusal (id, reason, count, last_at, last_cmd, last_machine_code) VALUES (?, ?, 1, now(), ?, ?)
       ON CONFLICT (reason) WHERE deleted_at IS NULL
       DO UPDATE SET count = yly_push_refusal.count + 1, last_at = now(), last_cmd = EXCLUDED.last_cmd,
                     last_machine_code = EXCLUDED.last_machine_code, updated_at = now()`,
      [generateEntityId(undefined, "ylypr"), reason, fields.cmd ?? null, fields.machine_code ?? null]
    )
  }

  /** Pushes refused so far, by reason. */
  async pushRefusals(): Promise<{ reason: string; count: number; last_at: Date; last_cmd: string | null }[]> {
    const rows = await this.manager_.execute(
      `SELECT reason, count, last_at, last_cmd FROM yly_push_refusal WHERE deleted_at IS NULL ORDER BY reason`
    )
    return rows.map((r: any) => ({ reason: r.reason, count: Number(r.count), last_at: new Date(r.last_at), last_cmd: r.last_cmd }))
  }

  /**
   * Records an accepted push once: returns its id, or null when the same push (the platform
   * delivers up to 3 times) was already recorded.
   */
  async recordPushOnce(
    push: {
      dedupe_key: string
      cmd: string
      machine_code: string | null
      order_id: string | null
      state: string | null
      push_time: number
      payload: Record<string, unknown>
    },
    /** a push refused after its sign checked out: recorded with this outcome, never applied */
    refused?: string
  ): Promise<string | null> {
    const id = generateEntityId(undefined, "ylypush")
    const rows = await this.manager_.execute(
      `INSERT INTO yly_push_event (id, dedupe_key, cmd, machine_code, order_id, state, push_time, payload, applied_at, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dedupe_key) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
      [
        id,
        refused ? `${push.dedupe_key}:${refused}` : push.dedupe_key,
        push.cmd,
        push.machine_code,
        push.order_id,
        push.state,
        push.push_time,
        JSON.stringify(push.payload),
        refused ? new Date() : null,
        refused ?? null,
      ]
    )
    return rows.length ? id : null
  }

  /**
   * Claims a recorded push for applying (sets applied_at only if still unset), so the hook's
   * background applier and the reconciler never apply the same push twice. `release` undoes the
   * claim when applying failed, leaving it to the reconciler. `applied_at` marks the claim and
   * `outcome` the end of applying.
   */
  async claimPushEvent(id: string): Promise<boolean> {
    const rows = await this.manager_.execute(
      // a claim older than 5 minutes with no outcome belonged to a process that died mid-apply
      `UPDATE yly_push_event SET applied_at = now(), updated_at = now()
        WHERE id = ? AND (applied_at IS NULL OR (outcome IS NULL AND applied_at < now() - interval '5 minutes'))
        RETURNING id`,
      [id]
    )
    return rows.length > 0
  }

  /** Records how a claimed push was applied (the end of applying it). */
  async setPushOutcome(id: string, outcome: string): Promise<void> {
    await this.manager_.execute(`UPDATE yly_push_event SET outcome = ?, updated_at = now() WHERE id = ?`, [outcome, id])
  }

  /** The recorded push fields (without the sign), cmd, push_time and when it was recorded. */
  async getPushPayload(
    id: string
  ): Promise<{ cmd: string; payload: Record<string, string>; push_time: number; created_at: Date } | null> {
    const [row] = await this.manager_.execute(`SELECT cmd, payload, push_time, created_at FROM yly_push_event WHERE id = ?`, [id])
    return row
      ? {
          cmd: row.cmd,
          payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload,
          push_time: Number(row.push_time),
          created_at: new Date(row.created_at),
        }
      : null
  }

  /**
   * Whether a push's push_time (the cloud's clock) is inside the freshness window now, judged on
   * the cloud's clock (ours plus the measured offset).
   */
  async isPushFresh(pushTime: number, nowMs = Date.now()): Promise<boolean> {
    const age = Math.floor((nowMs + (await this.clockOffsetMs())) / 1000) - pushTime
    return age <= PUSH_MAX_AGE_SEC && age >= -PUSH_MAX_FUTURE_SEC
  }

  /**
   * A status push for a printer: applied only when it is newer (by the cloud's push_time) than the
   * last one applied, so a re-delivered older push never overwrites a newer status.
   */
  async setPrinterStatusFromPush(printerId: string, status: string, pushTime: number): Promise<boolean> {
    const rows = await this.manager_.execute(
      `UPDATE yly_printer SET status = ?, status_at = now(), status_push_time = ?, updated_at = now()
        WHERE id = ? AND (status_push_time IS NULL OR status_push_time <= ?) RETURNING id`,
      [status, pushTime, printerId, pushTime]
    )
    return rows.length > 0
  }

  /** A print just finished on this printer: it is online, whatever a status push said before. */
  async noteSignOfLife(machineCode: string): Promise<void> {
    await this.manager_.execute(
      `UPDATE yly_printer SET status = 'online', status_at = now(), updated_at = now()
        WHERE machine_code = ? AND deleted_at IS NULL`,
      [machineCode]
    )
  }

  async releasePushEvent(id: string): Promise<void> {
    await this.manager_.execute(`UPDATE yly_push_event SET applied_at = NULL WHERE id = ?`, [id])
  }

  /**
   * The print part a finish or decision push names: by the cloud's print id or by our origin_id,
   * on the printer the push came from. Also returns the printer that really owns it (when the
   * push's machine code differs, the push is misrouted and not applied).
   */
  async findPartForPush(ref: { print_id?: string | null; origin_id?: string | null }): Promise<{
    id: string
    job_id: string
    order_id: string
    template: string
    machine_code: string
    status: string
    part_number: number
    asks_decision: boolean
  } | null> {
    const byPrintId = ref.print_id?.trim()
    const byOrigin = ref.origin_id?.trim()
    if (!byPrintId && !byOrigin) return null
    // By print id first; else by origin_id — the finish push can overtake the sender's write of
    // the print id (the printer is faster than our commit), and the origin id is ours from the start.
    const match = [byPrintId && "p.print_id = ?", byOrigin && "p.origin_id = ?"].filter(Boolean).join(" OR ")
    const [row] = await this.manager_.execute(
      `SELECT p.id, p.job_id, p.status, p.part_number, j.order_id, j.template, j.asks_decision, pr.machine_code
         FROM yly_print_part p
         JOIN yly_print_job j ON j.id = p.job_id
         JOIN yly_printer pr ON pr.id = j.printer_id
        WHERE (${match}) AND p.deleted_at IS NULL
        ORDER BY ${byPrintId ? "(p.print_id IS NOT DISTINCT FROM ?) DESC," : ""} p.created_at DESC LIMIT 1`,
      [...(byPrintId ? [byPrintId] : []), ...(byOrigin ? [byOrigin] : []), ...(byPrintId ? [byPrintId] : [])]
    )
    return row ?? null
  }

  /**
   * Finish and decision pushes recorded as naming no known print (`unknown-print-id`) in the last
   * 30 minutes whose print is known now — the push overtook the sender's write of the print id —
   * are opened again for the reconciler to apply. Returns how many.
   */
  async reopenPushesForKnownPrints(now = new Date()): Promise<number> {
    const rows = await this.manager_.execute(
      `UPDATE yly_push_event e SET applied_at = NULL, outcome = NULL, updated_at = now()
        WHERE e.outcome = 'unknown-print-id' AND e.cmd IN ('oauth_finish', 'oauth_getOrder')
          AND e.deleted_at IS NULL AND e.created_at > ?::timestamptz - interval '30 minutes'
          AND EXISTS (SELECT 1 FROM yly_print_part p
                       WHERE p.deleted_at IS NULL
                         AND ((coalesce(e.payload->>'order_id', '') <> '' AND p.print_id = e.payload->>'order_id')
                           OR (coalesce(e.payload->>'origin_id', '') <> '' AND p.origin_id = e.payload->>'origin_id')))
        RETURNING e.id`,
      [now.toISOString()]
    )
    return rows.length
  }

  /**
   * Jobs someone should pass over now, oldest first: pending ones their event left (older than
   * `graceMs`), waiting or unknown ones whose next attempt is due, ones whose sender's lease
   * expired, and sent ones with a cancel request to withdraw.
   */
  async listDueJobs(limit: number, graceMs = 30_000): Promise<{ id: string; printer_id: string; order_id: string }[]> {
    return this.manager_.execute(
      `SELECT id, printer_id, order_id FROM yly_print_job
        WHERE deleted_at IS NULL AND (
              (status = 'pending' AND created_at < now() - (? * interval '1 millisecond'))
           OR (status IN ('waiting', 'unknown') AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
           OR (status = 'sending' AND (lease_until IS NULL OR lease_until < now()))
           OR (status = 'sent' AND cancel_requested_at IS NOT NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())))
        ORDER BY created_at LIMIT ?`,
      [graceMs, limit]
    )
  }

  /**
   * Sent parts with no finish push yet whose turn to be asked about has come (sent, and last asked,
   * before `cutoff`), least recently asked first, with their printer (removed or not).
   */
  async listUnconfirmedParts(cutoff: Date, limit: number): Promise<
    { id: string; job_id: string; order_id: string; print_id: string | null; machine_code: string; printer_removed: boolean }[]
  > {
    const rows = await this.manager_.execute(
      `SELECT p.id, p.job_id, j.order_id, p.print_id, pr.machine_code, pr.deleted_at
         FROM yly_print_part p
         JOIN yly_print_job j ON j.id = p.job_id
         JOIN yly_printer pr ON pr.id = j.printer_id
        WHERE p.status = 'sent' AND p.deleted_at IS NULL AND p.sent_at <= ?
          AND (p.last_checked_at IS NULL OR p.last_checked_at <= ?)
        ORDER BY coalesce(p.last_checked_at, p.sent_at) LIMIT ?`,
      [cutoff, cutoff, limit]
    )
    return rows.map((r: any) => ({ ...r, printer_removed: Boolean(r.deleted_at) }))
  }

  /**
   * Sets one top-level key of an order's metadata in one atomic statement (jsonb_set), so a key
   * another writer changes at the same moment is never reverted: Medusa's own update merges
   * metadata in application code from an earlier read, which loses a concurrent writer's change.
   * Returns whether the order exists, or null when the order table is not in this module's
   * database (an order module configured with a database of its own): the caller falls back.
   */
  async writeOrderMetadataKey(orderId: string, key: string, value: unknown): Promise<boolean | null> {
    try {
      const rows = await this.manager_.execute(
        `UPDATE "order" SET metadata = jsonb_set(coalesce(metadata, '{}'::jsonb), ?::text[], ?::jsonb), updated_at = now()
          WHERE id = ? AND deleted_at IS NULL RETURNING id`,
        [`{${key}}`, JSON.stringify(value), orderId]
      )
      return rows.length > 0
    } catch (e) {
      if ((e as { code?: string })?.code === "42P01") return null // undefined table
      throw e
    }
  }

  /** What the reconciler already knows of these (order, trigger, source) events. */
  async routeChecksFor(
    keys: { order_id: string; trigger: string; source: string }[]
  ): Promise<Map<string, { printer_ids: string[]; attempts: number }>> {
    const out = new Map<string, { printer_ids: string[]; attempts: number }>()
    if (!keys.length) return out
    const orderIds = [...new Set(keys.map((k) => k.order_id))]
    const rows = await this.manager_.execute(
      `SELECT order_id, trigger, source, printer_ids, attempts FROM yly_route_check
        WHERE order_id IN (${orderIds.map(() => "?").join(", ")}) AND deleted_at IS NULL`,
      orderIds
    )
    for (const r of rows) {
      const ids = typeof r.printer_ids === "string" ? JSON.parse(r.printer_ids) : r.printer_ids
      out.set(`${r.order_id}|${r.trigger}|${r.source}`, { printer_ids: ids ?? [], attempts: Number(r.attempts) })
    }
    return out
  }

  /**
   * Records that these printers were evaluated for an order's event (routed or not), or that
   * evaluating it failed (`error`: one more attempt counted).
   */
  async noteRouteCheck(
    key: { order_id: string; trigger: string; source: string },
    printerIds: string[],
    error: string | null = null
  ): Promise<number> {
    const [row] = await this.manager_.execute(
      `INSERT INTO yly_route_check (id, order_id, trigger, source, printer_ids, attempts, last_error)
       VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
       ON CONFLICT (order_id, trigger, source) WHERE deleted_at IS NULL DO UPDATE
         SET printer_ids = (SELECT coalesce(jsonb_agg(DISTINCT v), '[]'::jsonb)
                              FROM jsonb_array_elements(yly_route_check.printer_ids || EXCLUDED.printer_ids) v),
             attempts = yly_route_check.attempts + EXCLUDED.attempts,
             last_error = coalesce(EXCLUDED.last_error, yly_route_check.last_error),
             updated_at = now()
       RETURNING attempts`,
      [generateEntityId(undefined, "ylyrc"), key.order_id, key.trigger, key.source, JSON.stringify(printerIds), error ? 1 : 0, error]
    )
    return Number(row?.attempts ?? 0)
  }

  /** The order's pickup number and its jobs with their parts, oldest first (for its metadata). */
  async orderPrintState(orderId: string): Promise<{ pickup_number: number | null; jobs: OrderPrintJob[] }> {
    // Read on every push applied and after every print: two plain statements at once, the jobs with
    // their parts' print ids in one (through the ORM it was three queries and entity hydration, a
    // large share of the CPU a busy push hook spends).
    const [[state], rows] = await Promise.all([
      this.manager_.execute(`SELECT pickup_number FROM yly_order_state WHERE order_id = ? AND deleted_at IS NULL`, [orderId]),
      this.manager_.execute(
        `SELECT j.id, j.status, j.reprint_of, j.replaced_by, j.last_error, j.printed_at, j.created_at,
                j.asks_decision, j.decision, j.decided_at, j.decision_note, p.id AS part_id, p.print_id
           FROM yly_print_job j
           LEFT JOIN yly_print_part p ON p.job_id = j.id AND p.deleted_at IS NULL
          WHERE j.order_id = ? AND j.deleted_at IS NULL
          ORDER BY j.created_at, j.id, p.part_number`,
        [orderId]
      ),
    ])
    const jobs = new Map<string, OrderPrintJob>()
    type Row = Omit<OrderPrintJob, "parts"> & { part_id: string | null; print_id: string | null }
    for (const { part_id, print_id, ...job } of rows as Row[]) {
      let entry = jobs.get(job.id)
      if (!entry) jobs.set(job.id, (entry = { ...job, parts: [] }))
      // a job without parts (one that could not be rendered) comes as one row without a part
      if (part_id) entry.parts.push({ print_id })
    }
    return { pickup_number: state?.pickup_number != null ? Number(state.pickup_number) : null, jobs: [...jobs.values()] }
  }

  private assertConfigured(): void {
    if (!this.options_.configured) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Yilianyun is not configured: set the plugin options clientId and clientSecret " +
          "(YILIANYUN_CLIENT_ID / YILIANYUN_CLIENT_SECRET) and restart the store."
      )
    }
  }

  /** Medusa calls these on the module instance; the HTTP pool is closed on shutdown. */
  __hooks = {
    /** Registers the push URL at start-up when it is configured and not yet registered. */
    onApplicationStart: async (): Promise<void> => {
      if (!this.isConfigured() || !this.options_.pushUrl) return
      // In the background and a little later: an unreachable cloud must not hold up the store's
      // start, and the cloud probes the URL (GET) before it accepts it, so the server must listen.
      const attempt = (n: number) =>
        this.registerPushUrl().catch((e) => {
          if (n < 3) setTimeout(() => attempt(n + 1), 15_000 * n).unref()
          else
            this.logger_.warn(
              `yilianyun: could not register the push URL yet (${(e as Error).message}); use "Register again" in the admin.`
            )
        })
      setTimeout(() => attempt(1), PUSH_URL_STARTUP_DELAY_MS).unref()
    },
    onApplicationShutdown: async (): Promise<void> => {
      await this.client_?.close()
      this.client_ = null
      this.tokens_ = null
    },
  }
}
