import { generateEntityId } from "@medusajs/framework/utils"
import { YilianyunError } from "../../yilianyun"

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
  /** fetches that count against the cloud's quota (issued a token, or may have) in the last 24 h */
  fetches_last_24h: number
  /** every attempt in the last 24 h, counted or not (unreachable cloud, wrong secret…) */
  attempts_last_24h: number
  budget: number
  budget_left: number
  /** when the oldest fetch in the window leaves it (null when budget is left) */
  budget_frees_at: Date | null
  /** fetching is stopped: the credentials or the clock are wrong (what to check, and since when) */
  fetch_blocked: { reason: "secret" | "clock"; since: Date; message: string } | null
  /** after failed attempts, the next one waits until then (one attempt at a time for the whole store) */
  backoff_until: Date | null
  last_error: string | null
}

/** The token cannot be fetched now: printing waits (never a failure of the print) until `freesAt`. */
export class TokenWaitError extends Error {
  readonly freesAt: Date | null
  constructor(message: string, freesAt: Date | null) {
    super(message)
    this.name = "TokenWaitError"
    this.freesAt = freesAt
  }
}

export class TokenBudgetExhaustedError extends TokenWaitError {
  constructor(budget: number, freesAt: Date | null) {
    super(
      `The Yilianyun access-token budget is spent (${budget} fetches in the last 24 hours). ` +
        `Printing waits until ${freesAt ? freesAt.toISOString() : "the window frees up"}; ` +
        `jobs wait and are sent then.`,
      freesAt
    )
    this.name = "TokenBudgetExhaustedError"
  }
}

/** The last token fetch failed: the next attempt waits (for the whole store) until `freesAt`. */
export class TokenBackoffError extends TokenWaitError {
  constructor(freesAt: Date, lastError: string | null) {
    super(
      `Getting a Yilianyun access token failed${lastError ? ` (${lastError})` : ""}; the next attempt is at ` +
        `${freesAt.toISOString()}. Jobs wait and are sent then.`,
      freesAt
    )
    this.name = "TokenBackoffError"
  }
}

/**
 * A token fetch was made and did not give a token: the cloud refused it (e.g. 41, its daily quota of
 * fetches spent) or could not be reached. Nothing the merchant sent is at fault, so it is a wait like
 * the others: the store's backoff says when the next fetch may be made (`freesAt`). The message is
 * the failure's own sentence (the YilianyunError's, for the merchant) and `cause` the failure itself.
 */
export class TokenFetchFailedError extends TokenWaitError {
  /**
   * The cloud's code when it answered with one (41…), as YilianyunError has it; null when it did not
   * answer (network, timeout, HTTP status) or the failure was not the cloud's.
   */
  readonly code: number | null
  /** The failure itself (the ES2021 lib's Error has no `cause`). */
  declare readonly cause: unknown
  constructor(failure: unknown, freesAt: Date | null) {
    super(failure instanceof Error ? failure.message : String(failure), freesAt)
    this.name = "TokenFetchFailedError"
    this.code = failure instanceof YilianyunError ? failure.code : null
    // Set by hand, as YilianyunError does: the ES2021 lib has no Error(message, { cause }) overload.
    Object.defineProperty(this, "cause", { value: failure, configurable: true, writable: true })
  }
}

/** The credentials or the clock are wrong: no token is asked for until they change or an admin asks. */
export class TokenFetchBlockedError extends TokenWaitError {
  constructor(
    readonly reason: "secret" | "clock",
    freesAt: Date
  ) {
    super(blockMessage(reason), freesAt)
    this.name = "TokenFetchBlockedError"
  }
}

/**
 * Whether an error is one of the token store's waits (budget spent, backoff, fetching blocked, a
 * failed fetch), also after it crossed a workflow boundary serialized (prototype lost, name kept).
 */
export function isTokenWait(e: unknown): e is TokenWaitError {
  return e instanceof TokenWaitError || TOKEN_WAIT_NAMES.has((e as { name?: unknown } | null)?.name as string)
}
const TOKEN_WAIT_NAMES = new Set([
  "TokenWaitError",
  "TokenBudgetExhaustedError",
  "TokenBackoffError",
  "TokenFetchBlockedError",
  "TokenFetchFailedError",
])

function blockMessage(reason: "secret" | "clock"): string {
  return reason === "clock"
    ? "Yilianyun refused the token request because of the time: check that the server's clock is correct (NTP). " +
        "No token is asked for until the options change, an admin resets the token, or 6 hours pass; jobs wait."
    : "Yilianyun refused the token request: the clientId / clientSecret are wrong. Fix the plugin options and restart; " +
        "no token is asked for until then (or an admin resets the token, or 6 hours pass); jobs wait."
}

const DAY_MS = 24 * 60 * 60 * 1000
/** A block on wrong credentials or clock lifts by itself after this. */
const BLOCK_PAUSE_MS = 6 * 60 * 60 * 1000
/** Backoff after n failed attempts in a row: base · 2^(n−1), at most the cap. */
const BACKOFF_BASE_MS = 5_000
const BACKOFF_MAX_MS = 10 * 60_000

/** Codes at the token endpoint that mean the credentials are wrong (v1 meaning): 2 unknown client, 5 wrong secret, 11 sign. */
const CREDENTIAL_CODES = new Set([2, 5, 11])
/** The cloud's quota of fetches is spent (it counted). */
const QUOTA_CODE = 41

/** How a failed fetch affects the budget and what comes next. */
export function classifyFetchFailure(e: unknown): { counted: boolean; blocking: "secret" | "clock" | null } {
  if (!(e instanceof YilianyunError)) return { counted: true, blocking: null }
  if (e.outcome === "not_sent") return { counted: false, blocking: null } // never reached the cloud
  if (e.outcome === "unknown") return { counted: true, blocking: null } // it may have issued a token
  const text = `${e.description}`.toLowerCase()
  if (/timestamp|时间戳|时间/.test(text) && !/token/.test(text)) return { counted: false, blocking: "clock" }
  if ((e.v1Code !== null && CREDENTIAL_CODES.has(e.v1Code)) || /sign|签名|secret|密钥/.test(text)) {
    return { counted: false, blocking: "secret" }
  }
  return { counted: e.v1Code === QUOTA_CODE || /次数|limit|quota/.test(text), blocking: null }
}

/**
 * The only place that fetches the shared access token (design §2). A self-owned-app token never
 * expires but any new fetch revokes it, and the cloud allows 20 fetches a day: so fetch only when
 * none is stored, or when the stored one is the one that just failed. Single-flight within the
 * process (a promise) and across processes (a transaction-scoped PostgreSQL advisory lock taken
 * on the module's own connection), with the rolling budget counted in the same transaction.
 * When it gives no token it throws a TokenWaitError — budget spent, backoff, fetching blocked, or a
 * fetch that failed (TokenFetchFailedError) — so callers wait and none needs to know the token
 * endpoint's errors.
 */
export class TokenStore {
  private cached: string | null = null
  private inflight: Promise<string> | null = null

  constructor(
    private readonly deps: {
      manager: SqlManager
      clientId: string
      budget: number
      /** a keyed hash of the options a fetch is made with (never the secret itself) */
      fingerprint: string
      /** the first pause after a failed fetch (doubling per failure, at most 10 minutes) */
      backoffBaseMs?: number
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
    const { count, oldest, attempts } = await this.windowUsage(manager, now)
    const gate = await this.gate(manager, now)
    return {
      present: Boolean(cred),
      obtained_at: cred ? new Date(cred.obtained_at) : null,
      fetches_last_24h: count,
      attempts_last_24h: attempts,
      budget,
      budget_left: Math.max(0, budget - count),
      budget_frees_at: count >= budget && oldest ? new Date(oldest.getTime() + DAY_MS) : null,
      fetch_blocked: gate.blocked ? { reason: gate.blocked, since: gate.since!, message: blockMessage(gate.blocked) } : null,
      backoff_until: gate.backoffUntil,
      last_error: gate.lastError,
    }
  }

  /**
   * Whether a fetch may be made now: not while a failure says the credentials or the clock are
   * wrong (until the options change, 6 hours pass, or a reset forces it), and not before the
   * store-wide backoff after failed attempts has passed. Read from the fetch log, so it holds for
   * every process and across restarts.
   */
  private async gate(
    em: SqlManager,
    now: Date
  ): Promise<{ blocked: "secret" | "clock" | null; since: Date | null; backoffUntil: Date | null; lastError: string | null }> {
    const rows = await em.execute(
      `SELECT fetched_at, succeeded, blocking, options_fingerprint, error FROM yly_token_fetch
        WHERE client_id = ? AND deleted_at IS NULL ORDER BY fetched_at DESC LIMIT 12`,
      [this.deps.clientId]
    )
    const failures: any[] = []
    for (const r of rows) {
      if (r.succeeded) break
      failures.push(r)
    }
    const open = { blocked: null, since: null, backoffUntil: null, lastError: null }
    if (!failures.length) return open
    const last = failures[0]
    const lastAt = new Date(last.fetched_at)
    if (last.blocking && last.options_fingerprint === this.deps.fingerprint && now.getTime() - lastAt.getTime() < BLOCK_PAUSE_MS) {
      return { blocked: last.blocking, since: lastAt, backoffUntil: new Date(lastAt.getTime() + BLOCK_PAUSE_MS), lastError: last.error }
    }
    const base = this.deps.backoffBaseMs ?? BACKOFF_BASE_MS
    const wait = Math.min(Math.max(BACKOFF_MAX_MS, base), base * 2 ** (failures.length - 1))
    const until = new Date(lastAt.getTime() + wait)
    return { ...open, backoffUntil: until > now ? until : null, lastError: last.error }
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

  /** Fetches that count against the budget in the rolling 24 h (and every attempt, for the admin). */
  private async windowUsage(em: SqlManager, now: Date) {
    const [row] = await em.execute(
      `SELECT count(*) FILTER (WHERE counted)::int AS count, min(fetched_at) FILTER (WHERE counted) AS oldest,
              count(*)::int AS attempts
         FROM yly_token_fetch
        WHERE client_id = ? AND fetched_at > ? AND deleted_at IS NULL`,
      [this.deps.clientId, new Date(now.getTime() - DAY_MS)]
    )
    return {
      count: Number(row?.count ?? 0),
      oldest: row?.oldest ? new Date(row.oldest) : null,
      attempts: Number(row?.attempts ?? 0),
    }
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
      if (!force) {
        const gate = await this.gate(em, now)
        if (gate.blocked) return { error: new TokenFetchBlockedError(gate.blocked, gate.backoffUntil!) }
        if (gate.backoffUntil) return { error: new TokenBackoffError(gate.backoffUntil, gate.lastError) }
      }
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
      const effect = failure ? classifyFetchFailure(failure) : { counted: true, blocking: null }
      await em.execute(
        `INSERT INTO yly_token_fetch (id, client_id, fetched_at, reason, succeeded, error_code, counted, blocking, options_fingerprint, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          generateEntityId(undefined, "ylytf"),
          clientId,
          now,
          reason,
          !failure,
          typeof code === "number" ? code : null,
          effect.counted,
          effect.blocking,
          this.deps.fingerprint,
          failure ? ((failure as Error).message ?? String(failure)).slice(0, 500) : null,
        ]
      )
      this.deps.onFetch?.({ reason, succeeded: !failure })
      if (!fetched) {
        // what a merchant can fix stops fetching at once; anything else waits the backoff
        if (effect.blocking) return { error: new TokenFetchBlockedError(effect.blocking, new Date(now.getTime() + BLOCK_PAUSE_MS)) }
        // the backoff this failure starts, read from the log as the next caller will read it
        const { backoffUntil } = await this.gate(em, now)
        return { error: new TokenFetchFailedError(failure, backoffUntil) }
      }
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
