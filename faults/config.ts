/**
 * The two forms of `npm run test:faults`: the full one (what the README's "Reliability" section
 * reports) and a scaled-down one for CI (`FAULTS_SCALE=ci`: fewer orders, shorter outages and soak).
 * Individual figures can be overridden with FAULTS_<NAME> (e.g. FAULTS_BURST_ORDERS=5).
 */
export type Scale = {
  name: "ci" | "full"
  /** orders per fault burst (healthy, worker kill, cloud down, token revoked, double delivery) */
  burstOrders: number
  /** shoppers completing carts at the same time during a burst */
  shoppers: number
  /** the worker is restarted this long after its SIGKILL */
  workerDownMs: number
  /** the cloud answers 502 to every API call for this long */
  cloudDownMs: number
  printerOfflineOrders: number
  printerOfflineMs: number
  /** orders printed (then their finish pushes re-delivered) before the push flood */
  pushOrders: number
  pushRate: number
  pushSeconds: number
  /** share of pushes delivered again (to the other server, at once or a moment later) */
  pushRedeliveryShare: number
  soakMs: number
  /** one order every soakIntervalMs during the soak */
  soakIntervalMs: number
  /** a fault is switched (on, off, another) this often during the soak */
  soakFaultEveryMs: number
  /** the soak may SIGKILL the worker (it costs a restart: ~30 s of both cores) */
  soakWorkerKill: boolean
  /** a scenario's prints must all be on paper within this long after its last order */
  settleMs: number
  /** once every receipt is out, jobs get this long to reach a final status */
  statusWaitMs: number
  /** …then nothing new may print for this long (late duplicates) */
  quietMs: number
}

const SCALES: Record<Scale["name"], Scale> = {
  full: {
    name: "full",
    burstOrders: 60,
    shoppers: 3,
    workerDownMs: 10_000,
    cloudDownMs: 60_000,
    printerOfflineOrders: 30,
    printerOfflineMs: 45_000,
    pushOrders: 20,
    pushRate: 200,
    pushSeconds: 30,
    pushRedeliveryShare: 0.3,
    soakMs: 5 * 60_000,
    soakIntervalMs: 2_000,
    soakFaultEveryMs: 20_000,
    soakWorkerKill: true,
    settleMs: 7 * 60_000,
    statusWaitMs: 90_000,
    quietMs: 15_000,
  },
  ci: {
    name: "ci",
    burstOrders: 6,
    shoppers: 3,
    workerDownMs: 10_000,
    cloudDownMs: 15_000,
    printerOfflineOrders: 5,
    printerOfflineMs: 15_000,
    pushOrders: 4,
    pushRate: 200,
    pushSeconds: 5,
    pushRedeliveryShare: 0.3,
    soakMs: 45_000,
    soakIntervalMs: 2_500,
    soakFaultEveryMs: 10_000,
    soakWorkerKill: false,
    settleMs: 150_000,
    statusWaitMs: 20_000,
    quietMs: 5_000,
  },
}

export function loadScale(argv = process.argv, env = process.env): Scale {
  const i = argv.indexOf("--scale")
  const name = (i > 0 ? argv[i + 1] : env.FAULTS_SCALE) || "full"
  if (name !== "ci" && name !== "full") throw new Error(`FAULTS_SCALE must be "ci" or "full", not "${name}"`)
  const scale: Scale = { ...SCALES[name] }
  for (const key of Object.keys(scale) as (keyof Scale)[]) {
    const envName = `FAULTS_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`
    const raw = env[envName]
    if (raw === undefined || key === "name") continue
    const current = scale[key]
    ;(scale as any)[key] = typeof current === "boolean" ? raw === "true" || raw === "1" : Number(raw)
    if (typeof current === "number" && !Number.isFinite((scale as any)[key])) throw new Error(`${envName} must be a number`)
  }
  return scale
}

/** Which scenarios to run: FAULTS_ONLY=healthy,worker-kill (all by default). */
export function selectedScenarios(all: string[], env = process.env): string[] {
  const only = env.FAULTS_ONLY?.split(",").map((s) => s.trim()).filter(Boolean)
  if (!only?.length) return all
  const unknown = only.filter((s) => !all.includes(s))
  if (unknown.length) throw new Error(`FAULTS_ONLY names unknown scenarios: ${unknown.join(", ")} (known: ${all.join(", ")})`)
  return all.filter((s) => only.includes(s))
}
