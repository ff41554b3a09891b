import { generateEntityId } from "@medusajs/framework/utils"

/** What the token store needs from the cloud: one token fetch (oauth/oauth). */
export type FetchToken = () => Promise<{ accessToken: string; refreshToken?: string | null }>

/** Minimal surface of the module's MikroORM entity manager used here. */
interface SqlManager {
  transactional<T>(fn: (em: SqlManager) => Promise<T>): Promise<T>
  execute(sql: string, params?: unknown[]): Promise<any>
}

export interface TokenStatus {
  present: boolean
  obtained_at: Date | null
  fetches_last_24h: number
  budget: number
  budget_left: number
  /** when the oldest fetch in the window leaves it (null when budget is left) */
  budget_frees_at: Date | null
}

export class TokenBudgetExhaustedError extends Error {
  readonly freesAt: Date | null
  constructor(budget: number, freesAt: Date | null) {
    super(
      `The Yilianyun access-token budget is spent (${budget} fetches in the last 24 hours). ` +
        `Printing waits until ${freesAt ? freesAt.toISOString() : "the window frees up"}; ` +
        `jobs stay pending and are sent then.`
    )
    this.name = "TokenBudgetExhaustedError"
    this.freesAt = freesAt
  }
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The only place that fetches the shared access token (design §2). A self-owned-app token never
 * expires but any new fetch revokes it, and the cloud allows 20 fetches a day: so fetch only when
 * none is stored, or when the stored one is the one that just failed. Single-flight within the
 * process (a promise) and across processes (a transaction-scoped PostgreSQL advisory lock taken
 * on the module's own connection), with the rolling budget counted in the same transaction.
 */
export class TokenStore {
  private cached: string | null = null
  private inflight: Promise<string> | null = null

  constructor(
    private readonly deps: {
      manager: SqlManager
      clientId: string
      budget: number
      fetchToken: FetchToken
      onFetch?: (info: { reason: string; succeeded: boolean }) => void
    }
  ) {}

  /** The stored token, fetching one only when none exists anywhere. */
  async get(): Promise<string> {
    if (this.cached) return this.cached
    return this.singleFlight(() => this.obtain("missing", null))
  }

  /**
   * The cloud rejected `failedToken` (error 14/18). Refetch only if it is still the stored one;
   * otherwise another process has already replaced it and that one is returned.
   */
  async replace(failedToken: string): Promise<string> {
    if (this.cached === failedToken) this.cached = null
    return this.singleFlight(() => this.obtain("invalid", failedToken))
  }

  /** The merchant's explicit reset (admin, guarded): always fetches, budget permitting. */
  async reset(): Promise<string> {
    this.cached = null
    return this.singleFlight(() => this.obtain("reset", null, true))
  }

  /** Forget the in-memory copy (tests, or after the row was removed). */
  forget(): void {
    this.cached = null
  }

  async status(now = new Date()): Promise<TokenStatus> {
    const { manager, clientId, budget } = this.deps
    const [cred] = await manager.execute(
      `SELECT obtained_at FROM yly_credential WHERE client_id = ? AND deleted_at IS NULL`,
      [clientId]
    )
    const { count, oldest } = await this.windowUsage(manager, now)
    return {
      present: Boolean(cred),
      obtained_at: cred ? new Date(cred.obtained_at) : null,
      fetches_last_24h: count,
      budget,
      budget_left: Math.max(0, budget - count),
      budget_frees_at: count >= budget && oldest ? new Date(oldest.getTime() + DAY_MS) : null,
    }
  }

  private singleFlight(run: () => Promise<string>): Promise<string> {
    if (!this.inflight) {
      this.inflight = run()
        .then((token) => {
          this.cached = token
          return token
        })
        .finally(() => {
          this.inflight = null
        })
    }
    return this.inflight
  }

  private async windowUsage(em: SqlManager, now: Date) {
    const [row] = await em.execute(
      `SELECT count(*)::int AS count, min(fetched_at) AS oldest FROM yly_token_fetch
        WHERE client_id = ? AND fetched_at > ? AND deleted_at IS NULL`,
      [this.deps.clientId, new Date(now.getTime() - DAY_MS)]
    )
    return { count: Number(row?.count ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null }
  }

  private async obtain(reason: string, failedToken: string | null, force = false): Promise<string> {
    const { manager, clientId, budget, fetchToken } = this.deps
    // The fetch log must survive a failed fetch (it still counts against the cloud's quota), so
    // the transaction returns the failure and it is thrown after commit.
    const outcome = await manager.transactional(async (em) => {
      await em.execute(`SET LOCAL lock_timeout = '60s'`)
      await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`yilianyun:token:${clientId}`])
      const [stored] = await em.execute(
        `SELECT id, access_token FROM yly_credential WHERE client_id = ? AND deleted_at IS NULL`,
        [clientId]
      )
      if (stored && !force && stored.access_token !== failedToken) {
        return { token: stored.access_token as string }
      }
      const now = new Date()
      const { count, oldest } = await this.windowUsage(em, now)
      if (count >= budget) {
        return {
          error: new TokenBudgetExhaustedError(budget, oldest ? new Date(oldest.getTime() + DAY_MS) : null),
        }
      }
      let fetched: Awaited<ReturnType<FetchToken>> | null = null
      let failure: unknown = null
      try {
        fetched = await fetchToken()
      } catch (e) {
        failure = e
      }
      const code = (failure as { code?: unknown } | null)?.code
      await em.execute(
        `INSERT INTO yly_token_fetch (id, client_id, fetched_at, reason, succeeded, error_code)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [generateEntityId(undefined, "ylytf"), clientId, now, reason, !failure, typeof code === "number" ? code : null]
      )
      this.deps.onFetch?.({ reason, succeeded: !failure })
      if (!fetched) return { error: failure }
      if (stored) {
        await em.execute(
          `UPDATE yly_credential SET access_token = ?, refresh_token = ?, obtained_at = ?, updated_at = now() WHERE id = ?`,
          [fetched.accessToken, fetched.refreshToken ?? null, now, stored.id]
        )
      } else {
        await em.execute(
          `INSERT INTO yly_credential (id, client_id, access_token, refresh_token, obtained_at) VALUES (?, ?, ?, ?, ?)`,
          [generateEntityId(undefined, "ylycred"), clientId, fetched.accessToken, fetched.refreshToken ?? null, now]
        )
      }
      return { token: fetched.accessToken }
    })
    if ("error" in outcome) throw outcome.error
    return outcome.token
  }
}
