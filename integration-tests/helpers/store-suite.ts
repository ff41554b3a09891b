import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner, type MedusaSuiteOptions } from "@medusajs/test-utils"
// type-only: the app loads the module itself (importing its models here would define them twice)
import type { YilianyunModuleService } from "../../src/modules/yilianyun"
import { PUSH_URL_STARTUP_DELAY_MS } from "../../src/modules/yilianyun/options"
import { expectedMsign, type PushCmd } from "../../src/simulator"
import { adminHeaders } from "./admin"
import { waitForSubscribers } from "./events"
import { type Simulator, useSimulator } from "./simulator"
import { placeOrderViaStoreApi, seedTestStore, type TestStore } from "./store"

type SimulatorOptions = Parameters<typeof useSimulator>[0]
/** A printer as the admin API answers it (JSON). */
type BoundPrinter = { id: string; machine_code: string } & Record<string, any>

/** A store booted by Medusa's test runner with the plugin pointed at the simulator, as each HTTP spec needs it. */
export type StoreUnderTest = {
  /** The runner's HTTP client (axios) at the app's base URL. */
  readonly api: MedusaSuiteOptions["api"]
  readonly dbConfig: MedusaSuiteOptions["dbConfig"]
  readonly container: MedusaContainer
  /** The plugin's module service. */
  readonly yly: YilianyunModuleService
  readonly sim: Simulator
  /** Request options of a logged-in admin user. */
  readonly auth: { headers: Record<string, string> }
  /** The seeded demo store; only with `seed: true`. */
  readonly store: TestStore
  /** The app's push hook, `…/hooks/yilianyun`. */
  readonly hookUrl: string
  /** The response of a request, also when it failed (4xx/5xx). */
  call(request: Promise<any>): Promise<any>
  /** Binds a printer through the admin API (with the key the simulator expects) and returns it. */
  bind(machineCode: string, extra?: Record<string, unknown>): Promise<BoundPrinter>
  /** Places an order through the Store API and waits until every `order.placed` subscriber has run. */
  placeOrder(
    items: { variant_id: string; quantity: number }[],
    extra?: Parameters<typeof placeOrderViaStoreApi>[3]
  ): Promise<any>
  /** Rows of a query on the app's database. */
  sql(text: string, params?: readonly (string | number | boolean | Date | null)[]): Promise<any[]>
  /**
   * Resolves once the app's own background registration of its push URL (a little after start) has
   * certainly made its first attempt, so a test can reset the simulator after it and see only its own.
   */
  afterStartupRegistration(): Promise<void>
}

/**
 * One HTTP spec file: starts the simulator (see useSimulator), then Medusa's test runner, and before
 * every test forgets the module's cached token (the runner recreates the database, the process keeps
 * its copy), logs an admin in, and, as asked, seeds the demo store and points the simulator's
 * pushes at the app's hook. Call at the top level of the spec file; `suite` declares the tests.
 */
export function storeTestSuite(
  opts: { simulator?: SimulatorOptions; seed?: boolean; pushTargets?: readonly PushCmd[] },
  suite: (s: StoreUnderTest) => void
): void {
  const h = useSimulator(opts.simulator)

  medusaIntegrationTestRunner({
    inApp: true,
    env: {},
    testSuite: ({ api, getContainer, dbConfig }) => {
      let container: MedusaContainer | undefined
      let auth: { headers: Record<string, string> } | undefined
      let store: TestStore | undefined
      const ready = <T>(value: T | undefined, what: string): T => {
        if (value === undefined) throw new Error(`${what} is set up before each test; read it inside a test or hook`)
        return value
      }

      const s: StoreUnderTest = {
        api,
        dbConfig,
        get container() {
          return ready(container, "the container")
        },
        get yly() {
          return ready(container, "the container").resolve<YilianyunModuleService>("yilianyun")
        },
        get sim() {
          return h.sim
        },
        get auth() {
          return ready(auth, "the admin login")
        },
        get store() {
          if (!opts.seed) throw new Error("the demo store is seeded only with storeTestSuite({ seed: true })")
          return ready(store, "the demo store")
        },
        get hookUrl() {
          return `${api.defaults.baseURL}/hooks/yilianyun`
        },
        call: (request) => request.catch((e: any) => e.response),
        bind: async (machine_code, extra = {}) =>
          (await api.post("/admin/yilianyun/printers", { machine_code, msign: expectedMsign(machine_code), ...extra }, s.auth)).data
            .printer,
        placeOrder: async (items, extra) => {
          const done = waitForSubscribers(s.container, "order.placed")
          const order = await placeOrderViaStoreApi(api, s.store, items, extra)
          await done
          return order
        },
        sql: async (text, params = []) =>
          (await s.container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(text, params)).rows,
        afterStartupRegistration: async () => {
          // the app started before the first test's set-up: its timer fired by then plus the delay;
          // a second more covers the attempt itself (a token fetch and three calls to the simulator)
          const wait = (firstSetUpAt ?? Date.now()) + PUSH_URL_STARTUP_DELAY_MS + 1_000 - Date.now()
          if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        },
      }
      let firstSetUpAt: number | undefined

      beforeEach(async () => {
        firstSetUpAt ??= Date.now()
        container = getContainer()
        s.yly.forgetCachedToken()
        auth = await adminHeaders(api, container)
        if (opts.seed) store = await seedTestStore(container)
        // pinned: the app's own registration of its (unreachable) public push URL, which it makes in
        // the background a little after start, must not take the pushes away from the hook mid-test
        for (const cmd of opts.pushTargets ?? []) await h.sim.control.setPushTarget({ cmd, url: s.hookUrl, pinned: true })
      })

      suite(s)
    },
  })
}
