import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { YILIANYUN_MODULE } from ".."
import { YilianyunError } from "../../../yilianyun"
import * as Models from "../models"
import type YilianyunModuleService from "../service"
import {
  type FetchToken,
  TokenBackoffError,
  TokenFetchBlockedError,
  TokenFetchFailedError,
  TokenStore,
  TokenWaitError,
} from "../token-store"

jest.setTimeout(60_000)

const refused = (code: number, description: string, codeType: "string" | "number" = "string") =>
  new YilianyunError({ kind: "api", path: "oauth/oauth", code, codeType, description })

/** The store's manager: the one the module service builds its own TokenStore with (service.ts). */
type Manager = ConstructorParameters<typeof TokenStore>[0]["manager"]

/** A row of the fetch log, as PostgreSQL returns it. */
type FetchRow = {
  fetched_at: Date
  reason: string
  succeeded: boolean
  error_code: number | null
  counted: boolean
  blocking: string | null
  error: string | null
}

const BACKOFF_MS = 60_000

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
 * the store set — never the token endpoint's own YilianyunError. Run on the module's own database
 * connection, so the fetch log, the advisory lock and the backoff read back are PostgreSQL's.
 */
moduleIntegrationTestRunner<YilianyunModuleService>({
  moduleName: YILIANYUN_MODULE,
  resolve: "./src/modules/yilianyun",
  moduleModels: Object.values(Models),
  moduleOptions: {},
  testSuite: ({ service }) => {
    // the module's entity manager, as the service passes it to its TokenStore (protected there)
    const manager = () => (service as unknown as { manager_: Manager }).manager_
    let n = 0

    /** A store on the real tables, under a client id of its own (no other store's fetch log). */
    function storeWith(fetchToken: FetchToken) {
      n += 1
      const clientId = String(1000000000 + n)
      const calls = { n: 0 }
      const store = new TokenStore({
        manager: manager(),
        clientId,
        budget: 20,
        fingerprint: "f",
        backoffBaseMs: BACKOFF_MS,
        fetchToken: () => {
          calls.n++
          return fetchToken()
        },
      })
      /** The client's fetch log in yly_token_fetch, oldest first. */
      const fetches = async (): Promise<FetchRow[]> =>
        manager().execute(
          `SELECT fetched_at, reason, succeeded, error_code, counted, blocking, error FROM yly_token_fetch
            WHERE client_id = ? AND deleted_at IS NULL ORDER BY fetched_at, created_at`,
          [clientId]
        )
      return { store, fetches, calls, clientId }
    }

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
        const log = await fetches()
        expect(log).toHaveLength(1)
        expect(log[0]).toMatchObject({ succeeded: false, counted: true, blocking: null, error_code: 41, error: quota.message })
        // freesAt is the backoff the failure started, as the store's status and its next caller see it
        expect(failed.freesAt?.getTime()).toBe(new Date(log[0].fetched_at).getTime() + BACKOFF_MS)
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
        const [firstRow] = await fetches()
        expect(firstRow).toMatchObject({ succeeded: false, counted: false, error_code: null })
        expect((first as TokenFetchFailedError).freesAt?.getTime()).toBe(new Date(firstRow.fetched_at).getTime() + BACKOFF_MS)
        // the admin's reset tries at once, past the backoff: its failure is the second in a row
        const second = await failureOf(store.reset())
        expect(second).toBeInstanceOf(TokenFetchFailedError)
        const log = await fetches()
        expect(log).toHaveLength(2)
        expect((second as TokenFetchFailedError).freesAt?.getTime()).toBe(new Date(log[1].fetched_at).getTime() + 2 * BACKOFF_MS)
      })

      it("wrong credentials stay a TokenFetchBlockedError, and a fetch that works is not touched", async () => {
        const { store: blocked } = storeWith(() => Promise.reject(refused(11, "sign验证失败")))
        expect(await failureOf(blocked.get())).toBeInstanceOf(TokenFetchBlockedError)
        const { store, clientId } = storeWith(() => Promise.resolve({ accessToken: "tok" }))
        await expect(store.get()).resolves.toBe("tok")
        // the token is the stored one, in the real table
        const [cred] = await manager().execute(`SELECT access_token FROM yly_credential WHERE client_id = ?`, [clientId])
        expect(cred).toMatchObject({ access_token: "tok" })
      })
    })
  },
})
