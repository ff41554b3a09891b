// Client CPU and throughput of the Yilianyun client against a bare undici Pool doing the same work,
// both hitting the simulator.
//
//   npm run bench:client -- [--requests 2000] [--concurrency 32] [--rounds 6]
//
// The simulator runs as a CHILD PROCESS so its CPU work does not share the client's event loop; the
// figure that isolates our overhead is therefore the client process's CPU per call (user + system,
// GC included): wall time is dominated by the simulator on a small machine and is reported beside it.
// The baseline is a dedicated undici Pool (the transport ours uses, without the Agent layer of
// undici.request) that builds each body per call as ours does — timestamp, md5 sign, uuid,
// URLSearchParams — and parses the JSON answer; ours adds validation, error mapping and the envelope.
// Both sides warm up, alternating, until their CPU per call is steady; then `rounds` rounds of
// `requests` calls each, the order of the two sides alternating per round. Writes
// .output/bench/client.json. Loopback only; bounded by request count and a global deadline.
import { spawn, type ChildProcess } from "node:child_process"
import { randomUUID } from "node:crypto"
import path from "node:path"
import { performance, PerformanceObserver } from "node:perf_hooks"
import { Pool } from "undici"
import { SimulatorControl } from "../src/simulator"
import { apiSign, YilianyunClient } from "../src/yilianyun"
import { loadNow, loadText, writeBenchJson } from "./lib/output"

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1])
const REQUESTS = Number(args.get("requests") ?? 2000)
const CONCURRENCY = Number(args.get("concurrency") ?? 32)
const ROUNDS = Number(args.get("rounds") ?? 6)
const WARMUP_BATCH = 500
const WARMUP_MAX_BATCHES = 12
/** Steady: the last 3 warm-up batches of a side within ±10 % of their mean CPU per call. */
const STEADY_SPREAD = 0.1
const DEADLINE_MS = 300_000

const CLIENT_ID = "1000000777"
const CLIENT_SECRET = "0f0e0d0c0b0a09080706050403020100"
const CONTENT =
  "<MN>1</MN><FS2><center>#42 美团外卖</center></FS2>\n" +
  "<table><tr><td>牛肉面</td><td>x2</td><td>¥36.00</td></tr><tr><td>Cola & Ice+</td><td>x1</td><td>¥5.00</td></tr></table>\n" +
  "备注：少辣 100% 🌶\n<LR>合计,¥41.00</LR>\n<QR>https://shop.test/o?id=42&k=a+b</QR>\n".repeat(3)

interface Sample {
  elapsedMs: number
  /** CPU time of this (client) process, user + system, in ms. */
  cpuMs: number
  /** Wall time of the GC pauses during the batch, in ms (on a busy machine a pause can outlast its CPU). */
  gcMs: number
  latencies: number[]
  errors: number
}

let gcMs = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
}).observe({ entryTypes: ["gc"] })

async function startChildSimulator(): Promise<{ url: string; child: ChildProcess }> {
  const bin = path.join(__dirname, "..", "src", "simulator", "bin.ts")
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", bin, "--port", "0", "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, "--finish-delay-ms", "50"],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } },
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("simulator did not start within 30 s")), 30_000)
    let out = ""
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const match = /Yilianyun simulator: (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once("exit", (code) => reject(new Error(`simulator exited early (${code})`)))
  })
  child.stdout!.resume()
  return { url, child }
}

/** Runs `task(i)` for i < count with at most `concurrency` in flight, timing each. */
async function runPool(count: number, concurrency: number, task: (i: number) => Promise<boolean>): Promise<Sample> {
  const latencies: number[] = new Array(count)
  let next = 0
  let errors = 0
  const gcBefore = gcMs
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now()
      const ok = await task(i).catch(() => false)
      latencies[i] = performance.now() - t0
      if (!ok) errors++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const cpu = process.cpuUsage(cpuBefore)
  const elapsedMs = performance.now() - started
  // GC entries are delivered asynchronously: let the observer catch up before reading the total.
  await new Promise((r) => setImmediate(r))
  return { elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000, gcMs: gcMs - gcBefore, latencies, errors }
}

const cpuPerCall = (s: Sample) => (s.cpuMs * 1000) / s.latencies.length

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function summarise(samples: Sample[]) {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b)
  return {
    rps: median(samples.map((s) => (s.latencies.length / s.elapsedMs) * 1000)),
    cpuUsPerCall: median(samples.map(cpuPerCall)),
    gcUsPerCall: median(samples.map((s) => (s.gcMs * 1000) / s.latencies.length)),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    cpuUsPerCallPerRound: samples.map((s) => Number(cpuPerCall(s).toFixed(1))),
  }
}

function steady(batches: Sample[]): boolean {
  if (batches.length < 3) return false
  const last = batches.slice(-3).map(cpuPerCall)
  const mean = last.reduce((a, b) => a + b, 0) / last.length
  return last.every((v) => Math.abs(v - mean) <= STEADY_SPREAD * mean)
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench exceeded ${DEADLINE_MS / 1000} s — aborting`)
    process.exit(1)
  }, DEADLINE_MS)
  const startLoad = loadNow()
  const { url, child } = await startChildSimulator()
  const control = new SimulatorControl(url)
  const client = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiUrl: `${url}/v2`, connections: CONCURRENCY })
  console.log(`simulator (child pid ${child.pid}) at ${url}; ${ROUNDS} rounds × ${REQUESTS} print/index calls per side, concurrency ${CONCURRENCY}; ${loadText(startLoad)}`)

  const pool = new Pool(url, { connections: CONCURRENCY, keepAliveTimeout: 30_000 })
  const ours: Sample[] = []
  const base: Sample[] = []
  const warm: { ours: Sample[]; base: Sample[] } = { ours: [], base: [] }
  let wasSteady = false
  try {
    await control.reset()
    const device = await control.addDevice({ model: "K4", paperWidth: 58, bound: true })
    // A reset forgets tokens: each round fetches one again, and both sides use it.
    let token = (await client.oauth.getToken()).accessToken
    let api = client.withToken(token)

    const runOurs = (prefix: string, count: number) =>
      runPool(count, CONCURRENCY, async (i) => {
        const res = await api.print.text({ machineCode: device.machineCode, content: CONTENT, originId: `${prefix}${i}` })
        return res.id.length > 0
      })

    // The same request ours sends, built per call: the signed form, the headers, the JSON answer read.
    const headers = { "content-type": "application/x-www-form-urlencoded;charset=utf-8", accept: "application/json", "user-agent": "bench" }
    const runBase = (prefix: string, count: number) =>
      runPool(count, CONCURRENCY, async (i) => {
        const timestamp = Math.floor(Date.now() / 1000)
        const body = new URLSearchParams({
          client_id: CLIENT_ID,
          timestamp: String(timestamp),
          sign: apiSign(CLIENT_ID, timestamp, CLIENT_SECRET),
          id: randomUUID(),
          access_token: token,
          machine_code: device.machineCode,
          content: CONTENT,
          origin_id: `${prefix}${i}`,
          idempotence: "1",
        }).toString()
        const res = await pool.request({ path: "/v2/print/index", method: "POST", headers, body })
        const answer = JSON.parse(await res.body.text())
        return res.statusCode === 200 && Number(answer.error) === 0 && String(answer.body?.id ?? "").length > 0
      })

    // Warm-up: alternate the sides until both are steady (JIT, pools, the simulator's own warm-up).
    for (let b = 0; b < WARMUP_MAX_BATCHES && !(steady(warm.ours) && steady(warm.base)); b++) {
      warm.ours.push(await runOurs(`wo${b}x`, WARMUP_BATCH))
      warm.base.push(await runBase(`wb${b}x`, WARMUP_BATCH))
    }
    wasSteady = steady(warm.ours) && steady(warm.base)
    console.log(
      `warm-up: ${warm.ours.length} × ${WARMUP_BATCH} calls a side, CPU µs/call ours ${warm.ours.map((s) => cpuPerCall(s).toFixed(0)).join(" ")}` +
        ` | baseline ${warm.base.map((s) => cpuPerCall(s).toFixed(0)).join(" ")}${wasSteady ? " — steady" : " — NOT steady (noisy machine): figures are rough"}`,
    )

    for (let round = 0; round < ROUNDS; round++) {
      await control.reset()
      await control.addDevice({ machineCode: device.machineCode, model: "K4", paperWidth: 58, bound: true })
      token = (await client.oauth.getToken()).accessToken
      api = client.withToken(token)
      const sides = [
        { name: "ours", run: () => runOurs(`o${round}x`, REQUESTS), into: ours },
        { name: "pool", run: () => runBase(`p${round}x`, REQUESTS), into: base },
      ]
      if (round % 2) sides.reverse()
      const line: string[] = []
      for (const side of sides) {
        const sample = await side.run()
        side.into.push(sample)
        line.push(`${side.name} ${((REQUESTS / sample.elapsedMs) * 1000).toFixed(0)} req/s ${cpuPerCall(sample).toFixed(0)} µs CPU/call`)
      }
      console.log(`round ${round + 1}: ${line.join(", ")}`)
    }
  } finally {
    await client.close()
    await pool.close()
    child.kill("SIGTERM")
    clearTimeout(deadline)
  }

  const o = summarise(ours)
  const b = summarise(base)
  const row = (name: string, s: ReturnType<typeof summarise>) =>
    `${name.padEnd(30)} client CPU ${s.cpuUsPerCall.toFixed(0).padStart(4)} µs/call (GC pauses ${s.gcUsPerCall.toFixed(0)} µs wall)   ${s.rps.toFixed(0).padStart(6)} req/s   p50 ${s.p50.toFixed(2).padStart(6)} ms   p99 ${s.p99.toFixed(2).padStart(6)} ms   errors ${s.errors}`
  const cpuRatio = o.cpuUsPerCall / b.cpuUsPerCall
  const timeRatio = b.rps / o.rps
  const endLoad = loadNow()
  console.log("")
  console.log(row("ours (YilianyunClient)", o))
  console.log(row("baseline (Pool, body per call)", b))
  console.log(`client CPU per call ours/baseline: ${cpuRatio.toFixed(3)}   (medians of ${ROUNDS} rounds; the headline: the simulator does not count)`)
  console.log(`wall time ratio ours/baseline (median req/s): ${timeRatio.toFixed(3)}  (target ≤ 1.15)   p50 ratio ${(o.p50 / b.p50).toFixed(3)}`)
  console.log(`${loadText(endLoad)} at the end${wasSteady ? "" : "; warm-up never steady"}`)
  writeBenchJson("client", {
    startLoad,
    figures: { ours: o, ratios: { cpuPerCall: cpuRatio, wallTime: timeRatio, p50: o.p50 / b.p50 }, steady: wasSteady, warmupBatches: warm.ours.length },
    baseline: { name: "undici Pool, signed form built per call, JSON parsed", ...b },
    readme: [
      {
        bench: `\`bench/client.ts\` — ${REQUESTS.toLocaleString("en-US")} \`print/index\` calls at concurrency ${CONCURRENCY} against the simulator (a child process), medians of ${ROUNDS} rounds after a steady warm-up`,
        figure: `**${o.cpuUsPerCall.toFixed(0)} µs client CPU per call**; ${o.rps.toFixed(0)} req/s, p50 ${o.p50.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms`,
        baseline: `an undici Pool sending the same signed form, built per call: ${b.cpuUsPerCall.toFixed(0)} µs CPU, ${b.rps.toFixed(0)} req/s → CPU ratio **${cpuRatio.toFixed(2)}**, time ratio ${timeRatio.toFixed(2)}`,
        target: `time ≤ 1.15 × bare: ${timeRatio <= 1.15 ? "met" : "not met"}`,
      },
    ],
  })
  if (o.errors + b.errors > 0) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
