import { Logger } from "@medusajs/framework/types"
import { generateEntityId, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { YilianyunClient, YilianyunTokenApi, YilianyunError } from "../../yilianyun"
import {
  Credential,
  Design,
  DesignVersion,
  PickupCounter,
  Printer,
  PrintJob,
  PrintPart,
  PushEvent,
  TokenFetch,
} from "./models"
import { parseYilianyunOptions, YilianyunOptions } from "./options"
import { createJobOnce, NewJob } from "./job-store"
import { DesignStore } from "./design-store"
import { TokenStatus, TokenStore } from "./token-store"

type InjectedDependencies = {
  logger: Logger
  manager: any
}

/** The pushes this plugin handles, registered with oauth/setpushurl when `pushUrl` is set. */
export const PUSH_CMDS = ["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"] as const

export default class YilianyunModuleService extends MedusaService({
  Credential,
  TokenFetch,
  Printer,
  PrintJob,
  PrintPart,
  PushEvent,
  PickupCounter,
  Design,
  DesignVersion,
}) {
  protected readonly options_: YilianyunOptions
  protected readonly logger_: Logger
  protected readonly manager_: any
  private client_: YilianyunClient | null = null
  private tokens_: TokenStore | null = null
  private designs_: DesignStore | null = null

  constructor(container: InjectedDependencies, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseYilianyunOptions(options)
    this.logger_ = container.logger
    this.manager_ = container.manager
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

  /** The push URL as last registered with the cloud (null when never). */
  async getPushUrlState(): Promise<{ url: string | null; registered_at: Date | null }> {
    if (!this.isConfigured()) return { url: null, registered_at: null }
    const [row] = await this.manager_.execute(
      `SELECT push_url, push_url_api, push_url_registered_at FROM yly_credential WHERE client_id = ? AND deleted_at IS NULL`,
      [this.options_.clientId]
    )
    // registered with another API endpoint (domestic ↔ overseas) counts as not registered here
    if (!row || row.push_url_api !== this.options_.apiUrl) return { url: null, registered_at: null }
    return { url: row.push_url ?? null, registered_at: row.push_url_registered_at ?? null }
  }

  /**
   * Registers the `pushUrl` option with oauth/setpushurl for every push kind — once, and again
   * only when the URL changes (the platform asks not to call it repeatedly) or when forced.
   */
  async registerPushUrl(opts: { force?: boolean } = {}): Promise<{ url: string; registered: boolean }> {
    const url = this.options_.pushUrl
    if (!url) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "No push URL is configured: set the plugin option pushUrl to the public URL of /hooks/yilianyun."
      )
    }
    const state = await this.getPushUrlState()
    if (!opts.force && state.url === url) return { url, registered: false }
    for (const cmd of PUSH_CMDS) {
      await this.withApi((api) => api.pushUrl.set({ cmd, url, status: "open" }))
    }
    await this.manager_.execute(
      `UPDATE yly_credential SET push_url = ?, push_url_api = ?, push_url_registered_at = now(), updated_at = now()
        WHERE client_id = ? AND deleted_at IS NULL`,
      [url, this.options_.apiUrl, this.options_.clientId]
    )
    this.logger_.info(`yilianyun: push URL registered (${url})`)
    return { url, registered: true }
  }

  /**
   * Records an accepted push once: returns its id, or null when the same push (the platform
   * delivers up to 3 times) was already recorded.
   */
  async recordPushOnce(push: {
    dedupe_key: string
    cmd: string
    machine_code: string | null
    order_id: string | null
    state: string | null
    push_time: number
    payload: Record<string, unknown>
  }): Promise<string | null> {
    const id = generateEntityId(undefined, "ylypush")
    const rows = await this.manager_.execute(
      `INSERT INTO yly_push_event (id, dedupe_key, cmd, machine_code, order_id, state, push_time, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dedupe_key) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
      [id, push.dedupe_key, push.cmd, push.machine_code, push.order_id, push.state, push.push_time, JSON.stringify(push.payload)]
    )
    return rows.length ? id : null
  }

  /**
   * The next daily pickup number for the store's local day (`day` as YYYY-MM-DD), counted in
   * one atomic upsert so concurrent orders never share a number.
   */
  async nextPickupNumber(day: string): Promise<number> {
    const [row] = await this.manager_.execute(
      `INSERT INTO yly_pickup_counter (id, day, value) VALUES (?, ?, 1)
       ON CONFLICT (day) WHERE deleted_at IS NULL
       DO UPDATE SET value = yly_pickup_counter.value + 1, updated_at = now()
       RETURNING value`,
      [generateEntityId(undefined, "ylypick"), day]
    )
    return Number(row.value)
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

  /** The recorded push fields (without the sign) and cmd. */
  async getPushPayload(id: string): Promise<{ cmd: string; payload: Record<string, string> } | null> {
    const [row] = await this.manager_.execute(`SELECT cmd, payload FROM yly_push_event WHERE id = ?`, [id])
    return row ? { cmd: row.cmd, payload: typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload } : null
  }

  /**
   * The print part a push names by the cloud's print id, with its job's order and template: one
   * indexed query, because every finish and decision push asks it.
   */
  async findPartByPrintId(
    printId: string
  ): Promise<{ id: string; job_id: string; order_id: string; template: string; machine_code: string } | null> {
    const [row] = await this.manager_.execute(
      `SELECT p.id, p.job_id, j.order_id, j.template, pr.machine_code
         FROM yly_print_part p
         JOIN yly_print_job j ON j.id = p.job_id
         JOIN yly_printer pr ON pr.id = j.printer_id
        WHERE p.print_id = ? AND p.deleted_at IS NULL
        ORDER BY p.created_at DESC LIMIT 1`,
      [printId]
    )
    return row ?? null
  }

  async releasePushEvent(id: string): Promise<void> {
    await this.manager_.execute(`UPDATE yly_push_event SET applied_at = NULL WHERE id = ?`, [id])
  }

  /** Creates a job and its parts, or nothing if that job already exists (returns null). */
  async createJobOnce(job: NewJob): Promise<string | null> {
    return createJobOnce(this.manager_, job)
  }

  /** Cancels the not-yet-sent jobs of a printer (removed or disabled), with a reason. */
  async cancelOpenJobsOfPrinter(printerId: string, reason: string): Promise<number> {
    const open = await this.listPrintJobs({ printer_id: printerId, status: ["pending"] } as any)
    if (!open.length) return 0
    await this.updatePrintJobs(
      open.map((j) => ({ id: j.id, status: "canceled" as const, canceled_at: new Date(), last_error: reason }))
    )
    return open.length
  }

  /**
   * Records parts as printed (finish push, or the cloud's order status) and settles their jobs:
   * a job is printed once none of its parts is still pending or sent. Returns the orders touched.
   */
  async markPartsPrinted(parts: { id: string; printed_at?: Date }[]): Promise<string[]> {
    if (!parts.length) return []
    await this.updatePrintParts(
      parts.map((p) => ({ id: p.id, status: "printed" as const, printed_at: p.printed_at ?? new Date(), last_error: null }))
    )
    return this.settleJobsOfParts(parts.map((p) => p.id))
  }

  /** Re-derives the status of the jobs that own these parts; returns their order ids. */
  async settleJobsOfParts(partIds: string[]): Promise<string[]> {
    const owned = await this.listPrintParts({ id: partIds }, { select: ["id", "job_id"] as any })
    const jobIds = [...new Set(owned.map((p: any) => p.job_id as string))]
    if (!jobIds.length) return []
    const jobs = await this.listPrintJobs({ id: jobIds }, { relations: ["parts"] })
    const orders = new Set<string>()
    for (const job of jobs as any[]) {
      orders.add(job.order_id)
      const parts: any[] = job.parts
      if (parts.some((p) => p.status === "pending" || p.status === "sent")) continue
      if (job.status === "failed" && parts.some((p) => p.status === "failed")) continue
      const printed = parts.filter((p) => p.status === "printed")
      const status = printed.length ? "printed" : "canceled"
      if (job.status === status) continue
      const printedAt = printed.map((p) => new Date(p.printed_at).getTime()).reduce((a, b) => Math.max(a, b), 0)
      await this.updatePrintJobs({
        id: job.id,
        status,
        printed_at: printedAt ? new Date(printedAt) : null,
        last_error: null,
        last_error_code: null,
      })
    }
    return [...orders]
  }

  /** Removes finished jobs (with their parts) and push events older than `cutoff`. */
  async pruneBefore(cutoff: Date): Promise<{ jobs: number; push_events: number }> {
    return this.manager_.transactional(async (em: any) => {
      const jobs = await em.execute(
        `SELECT id FROM yly_print_job WHERE status IN ('printed', 'canceled') AND updated_at < ?`,
        [cutoff]
      )
      if (jobs.length) {
        const marks = jobs.map(() => "?").join(",")
        const ids = jobs.map((j: any) => j.id)
        await em.execute(`DELETE FROM yly_print_part WHERE job_id IN (${marks})`, ids)
        await em.execute(`DELETE FROM yly_print_job WHERE id IN (${marks})`, ids)
      }
      const pushes = await em.execute(`DELETE FROM yly_push_event WHERE created_at < ? RETURNING id`, [cutoff])
      return { jobs: jobs.length, push_events: pushes.length }
    })
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
      // Not awaited: an unreachable cloud must not hold up the store's start.
      this.registerPushUrl().catch((e) =>
        this.logger_.warn(
          `yilianyun: could not register the push URL yet (${(e as Error).message}); use "Register again" in the admin.`
        )
      )
    },
    onApplicationShutdown: async (): Promise<void> => {
      await this.client_?.close()
      this.client_ = null
      this.tokens_ = null
    },
  }
}
