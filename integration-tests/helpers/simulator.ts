import { startSimulator, type SimBehavior } from "../../src/simulator"

export type Simulator = Awaited<ReturnType<typeof startSimulator>>

/**
 * Starts the project's Yilianyun simulator before the Medusa test runner loads medusa-config (so
 * the app's plugin options point at it) and resets it before every test, because the runner
 * recreates the database before every test while the simulator would keep its tokens and queues.
 * Call at the top level of a spec file, before medusaIntegrationTestRunner.
 *
 * `behavior` sets the simulator's switches for the whole file (each reset returns to them);
 * a test turns one for itself with `h.sim.control.setBehavior({ … })`, undone by the next reset.
 * The cloud GET-probes a push URL when it is registered; a YILIANYUN_PUSH_URL on a host the
 * simulator cannot reach (the tests' shop.example.com) cannot answer, so the probe is off then.
 */
export function useSimulator(
  opts: { configured?: boolean; env?: Record<string, string>; behavior?: Partial<SimBehavior> } = {}
) {
  const handle = {} as { sim: Simulator }
  const saved: Record<string, string | undefined> = {}
  // Short retry delays and request timeouts keep fault tests fast; the logic is the same.
  const env: Record<string, string> = {
    YILIANYUN_RETRY_BASE_MS: "20",
    YILIANYUN_REQUEST_TIMEOUT_MS: "1500",
    ...opts.env,
  }
  const keys = ["YILIANYUN_CLIENT_ID", "YILIANYUN_CLIENT_SECRET", "YILIANYUN_API_URL", ...Object.keys(env)]

  beforeAll(async () => {
    const pushUrl = opts.env?.YILIANYUN_PUSH_URL
    const unreachablePushUrl = pushUrl !== undefined && !/^https?:\/\/(127\.|localhost[:/]|\[::1\])/i.test(pushUrl)
    handle.sim = await startSimulator({
      port: 0,
      finishDelayMs: 20,
      pushRetryIntervalMs: 50,
      behavior: { ...(unreachablePushUrl ? { probePushUrls: false } : {}), ...opts.behavior },
    })
    for (const k of keys) saved[k] = process.env[k]
    if (opts.configured === false) {
      for (const k of keys) delete process.env[k]
    } else {
      process.env.YILIANYUN_CLIENT_ID = handle.sim.clientId
      process.env.YILIANYUN_CLIENT_SECRET = handle.sim.clientSecret
      process.env.YILIANYUN_API_URL = `${handle.sim.url}/v2` // the v2 API, as a store is configured by default
    }
    Object.assign(process.env, env)
  })

  beforeEach(async () => {
    await handle.sim.control.reset()
  })

  afterAll(async () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
    await handle.sim?.close()
  })

  return handle
}
