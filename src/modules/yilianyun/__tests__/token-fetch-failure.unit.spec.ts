import { YilianyunError } from "../../../yilianyun"
import {
  classifyFetchFailure,
  type FetchToken,
  TokenBackoffError,
  TokenFetchBlockedError,
  TokenFetchFailedError,
  TokenStore,
  TokenWaitError,
} from "../token-store"

const refused = (code: number, description: string, codeType: "string" | "number" = "string") =>
  new YilianyunError({ kind: "api", path: "oauth/oauth", code, codeType, description })

/** What a failed token fetch costs: the budget only when it could have spent the cloud's quota. */
describe("classifyFetchFailure", () => {
  it("a fetch that never reached the cloud spends no budget and blocks nothing", () => {
    const dns = new YilianyunError({ kind: "network", path: "oauth/oauth", description: "getaddrinfo ENOTFOUND", reachedCloud: false })
    expect(classifyFetchFailure(dns)).toEqual({ counted: false, blocking: null })
  })

  it("a fetch whose outcome is unknown counts: the cloud may have issued a token", () => {
    const timeout = new YilianyunError({ kind: "timeout", path: "oauth/oauth", description: "headers timeout" })
    expect(classifyFetchFailure(timeout)).toEqual({ counted: true, blocking: null })
  })

  it("wrong credentials (2, 5, 11, or the cloud's words) block fetching and spend nothing", () => {
    expect(classifyFetchFailure(refused(11, "sign验证失败"))).toEqual({ counted: false, blocking: "secret" })
    expect(classifyFetchFailure(refused(5, "client_id或client_secret错误"))).toEqual({ counted: false, blocking: "secret" })
    expect(classifyFetchFailure(refused(10011, "签名错误，请检查", "number"))).toEqual({ counted: false, blocking: "secret" })
  })

  it("a wrong clock blocks too, and says so", () => {
    expect(classifyFetchFailure(refused(10034, "timestamp不合法", "number"))).toEqual({ counted: false, blocking: "clock" })
  })

  it("the cloud's daily limit counts (the quota is what it says is spent)", () => {
    expect(classifyFetchFailure(refused(41, "获取或刷新token次数超过限制"))).toEqual({ counted: true, blocking: null })
  })
})

type FetchRow = {
  fetched_at: Date
  reason: string
  succeeded: boolean
  error_code: number | null
  counted: boolean
  blocking: string | null
  options_fingerprint: string
  error: string | null
  deleted_at: null
}

/** The part of the module's entity manager the store uses. */
interface Manager {
  transactional<T>(fn: (em: Manager) => Promise<T>): Promise<T>
  execute(sql: string, params?: unknown[]): Promise<unknown[]>
}

/**
 * The store's tables in memory: each statement the store makes is answered by its shape, and any
 * other statement fails the test (so a change of the store's SQL shows here, not as a wrong answer).
 */
function memoryDb() {
  const fetches: FetchRow[] = []
  let credential: { id: string; access_token: string; obtained_at: Date } | null = null
  const manager: Manager = {
    transactional: (fn) => fn(manager),
    async execute(sql: string, params: unknown[] = []): Promise<unknown[]> {
      if (/^\s*SET LOCAL|pg_advisory_xact_lock/.test(sql)) return []
      if (/^\s*SELECT (id, access_token|obtained_at) FROM yly_credential/.test(sql)) return credential ? [credential] : []
      if (/FROM yly_token_fetch\s+WHERE client_id = \? AND deleted_at IS NULL ORDER BY fetched_at DESC LIMIT 12/.test(sql)) {
        return [...fetches].sort((a, b) => b.fetched_at.getTime() - a.fetched_at.getTime()).slice(0, 12)
      }
      if (/count\(\*\) FILTER \(WHERE counted\)/.test(sql)) {
        const since = params[1] as Date
        const inWindow = fetches.filter((f) => f.fetched_at > since)
        const counted = inWindow.filter((f) => f.counted)
        const oldest = counted.length ? new Date(Math.min(...counted.map((f) => f.fetched_at.getTime()))) : null
        return [{ count: counted.length, oldest, attempts: inWindow.length }]
      }
      if (/^\s*INSERT INTO yly_token_fetch/.test(sql)) {
        const [, , fetched_at, reason, succeeded, error_code, counted, blocking, options_fingerprint, error] = params
        fetches.push({ fetched_at, reason, succeeded, error_code, counted, blocking, options_fingerprint, error, deleted_at: null } as FetchRow)
        return []
      }
      if (/^\s*INSERT INTO yly_credential/.test(sql)) {
        credential = { id: params[0] as string, access_token: params[2] as string, obtained_at: params[4] as Date }
        return []
      }
      throw new Error(`unexpected statement: ${sql}`)
    },
  }
  return { manager, fetches }
}

const BACKOFF_MS = 60_000

function storeWith(fetchToken: FetchToken) {
  const db = memoryDb()
  const calls = { n: 0 }
  const store = new TokenStore({
    manager: db.manager,
    clientId: "1000000001",
    budget: 20,
    fingerprint: "f",
    backoffBaseMs: BACKOFF_MS,
    fetchToken: () => {
      calls.n++
      return fetchToken()
    },
  })
  return { store, fetches: db.fetches, calls }
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the store to throw")
    },
    (e: unknown) => e
  )

/**
 * A fetch the store makes and that gives no token is a wait, like the store's other refusals: the
 * caller gets a TokenFetchFailedError with the cloud's code, the failure's sentence and the backoff
 * the store set — never the token endpoint's own YilianyunError.
 */
describe("a failed token fetch", () => {
  it("the cloud's refusal (41: its daily quota spent) is a TokenFetchFailedError with code 41 and the backoff it starts", async () => {
    const quota = refused(41, "获取或刷新token次数超过限制")
    const { store, fetches, calls } = storeWith(() => Promise.reject(quota))
    const err = await failureOf(store.get())
    expect(err).toBeInstanceOf(TokenFetchFailedError)
    expect(err).toBeInstanceOf(TokenWaitError)
    const failed = err as TokenFetchFailedError
    expect(failed).toMatchObject({ name: "TokenFetchFailedError", code: 41, message: quota.message })
    expect(failed.cause).toBe(quota)
    // the store's bookkeeping is the failure's own: counted (the cloud counted it), its code and sentence
    expect(fetches).toHaveLength(1)
    expect(fetches[0]).toMatchObject({ succeeded: false, counted: true, blocking: null, error_code: 41, error: quota.message })
    // freesAt is the backoff the failure started, as the store's status and its next caller see it
    expect(failed.freesAt?.getTime()).toBe(fetches[0].fetched_at.getTime() + BACKOFF_MS)
    expect((await store.status()).backoff_until).toEqual(failed.freesAt)
    const next = await failureOf(store.get())
    expect(next).toBeInstanceOf(TokenBackoffError)
    expect((next as TokenBackoffError).freesAt).toEqual(failed.freesAt)
    expect(calls.n).toBe(1)
  })

  it("an unreachable cloud is a TokenFetchFailedError without a code, and the next failure's freesAt is the doubled backoff", async () => {
    const dns = new YilianyunError({ kind: "network", path: "oauth/oauth", description: "getaddrinfo ENOTFOUND", reachedCloud: false })
    const { store, fetches } = storeWith(() => Promise.reject(dns))
    const first = await failureOf(store.get())
    expect(first).toBeInstanceOf(TokenFetchFailedError)
    expect(first).toMatchObject({ code: null, message: dns.message, cause: dns })
    expect(fetches[0]).toMatchObject({ succeeded: false, counted: false, error_code: null })
    expect((first as TokenFetchFailedError).freesAt?.getTime()).toBe(fetches[0].fetched_at.getTime() + BACKOFF_MS)
    // the admin's reset tries at once, past the backoff: its failure is the second in a row
    const second = await failureOf(store.reset())
    expect(second).toBeInstanceOf(TokenFetchFailedError)
    expect((second as TokenFetchFailedError).freesAt?.getTime()).toBe(fetches[1].fetched_at.getTime() + 2 * BACKOFF_MS)
  })

  it("wrong credentials stay a TokenFetchBlockedError, and a fetch that works is not touched", async () => {
    const { store: blocked } = storeWith(() => Promise.reject(refused(11, "sign验证失败")))
    expect(await failureOf(blocked.get())).toBeInstanceOf(TokenFetchBlockedError)
    const { store } = storeWith(() => Promise.resolve({ accessToken: "tok" }))
    await expect(store.get()).resolves.toBe("tok")
  })
})
