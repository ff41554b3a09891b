// Throughput and latency of the Yilianyun client against bare undici, both hitting the simulator.
//
//   npx ts-node --transpile-only bench/client.ts [--requests 2000] [--concurrency 32] [--rounds 4]
//
// The simulator runs as a CHILD PROCESS so its CPU work does not share the client's event loop.
// Each round resets the simulator, then runs our client (`api.print.text`) and two baselines that
// POST a pre-built, identically shaped signed form: `undici.request` (the specified baseline) and a
// dedicated undici Pool (the strictest), rotating the order each round.
// Loopback only; bounded by request count and a global deadline.
import { spawn, type ChildProcess } from "node:child_process"
import { randomUUID } from "node:crypto"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { Pool, request } from "undici"
import { SimulatorControl } from "../src/simulator"
import { apiSign, YilianyunClient } from "../src/yilianyun"

const args = new Map<string, string>()
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ""), process.argv[i + 1])
const REQUESTS = Number(args.get("requests") ?? 2000)
const CONCURRENCY = Number(args.get("concurrency") ?? 32)
const ROUNDS = Number(args.get("rounds") ?? 6)
const WARMUP = 500
const DEADLINE_MS = 180_000

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
  latencies: number[]
  errors: number
}

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
  return { elapsedMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, latencies, errors }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function summarise(samples: Sample[]) {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b)
  const rpsPerRound = samples.map((s) => (s.latencies.length / s.elapsedMs) * 1000).sort((a, b) => a - b)
  const cpuPerRequest = samples.map((s) => (s.cpuMs * 1000) / s.latencies.length).sort((a, b) => a - b)
  return {
    rps: rpsPerRound[Math.floor(rpsPerRound.length / 2)],
    cpuUsPerRequest: cpuPerRequest[Math.floor(cpuPerRequest.length / 2)],
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: samples.reduce((n, s) => n + s.errors, 0),
  }
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error(`bench exceeded ${DEADLINE_MS / 1000} s — aborting`)
    process.exit(1)
  }, DEADLINE_MS)
  const { url, child } = await startChildSimulator()
  const control = new SimulatorControl(url)
  const client = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiUrl: `${url}/v2`, connections: CONCURRENCY })
  const printUrl = `${url}/v2/print/index`
  console.log(`simulator (child pid ${child.pid}) at ${url}; ${ROUNDS} rounds × ${REQUESTS} print/index calls per side, concurrency ${CONCURRENCY}`)

  const pool = new Pool(url, { connections: CONCURRENCY })
  const ours: Sample[] = []
  const bare: Sample[] = []
  const barePool: Sample[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await control.reset()
      const device = await control.addDevice({ model: "K4", paperWidth: 58, bound: true })
      const token = (await client.oauth.getToken()).accessToken
      const api = client.withToken(token)

      const runOurs = (prefix: string, count: number) =>
        runPool(count, CONCURRENCY, async (i) => {
          const res = await api.print.text({ machineCode: device.machineCode, content: CONTENT, originId: `${prefix}${i}` })
          return res.id.length > 0
        })

      // `dispatch` is undici.request (global dispatcher) for the specified baseline, or a dedicated
      // Pool's request for the strictest one (no Agent layer, no URL parsing per call).
      const runBare = (prefix: string, count: number, viaPool: boolean) => {
        // Built before timing: the baseline pays nothing for signing or encoding.
        const timestamp = Math.floor(Date.now() / 1000)
        const sign = apiSign(CLIENT_ID, timestamp, CLIENT_SECRET)
        const bodies = Array.from({ length: count }, (_, i) =>
          new URLSearchParams({
            client_id: CLIENT_ID,
            timestamp: String(timestamp),
            sign,
            id: randomUUID(),
            access_token: token,
            machine_code: device.machineCode,
            content: CONTENT,
            origin_id: `${prefix}${i}`,
            idempotence: "1",
          }).toString(),
        )
        return runPool(count, CONCURRENCY, async (i) => {
          const headers = { "content-type": "application/x-www-form-urlencoded;charset=utf-8" }
          const res = viaPool
            ? await pool.request({ path: "/v2/print/index", method: "POST", headers, body: bodies[i] })
            : await request(printUrl, { method: "POST", headers, body: bodies[i] })
          const text = await res.body.text()
          return res.statusCode === 200 && text.startsWith('{"error":0')
        })
      }

      await runOurs(`wo${round}x`, WARMUP)
      await runBare(`wb${round}x`, WARMUP, false)
      await runBare(`wp${round}x`, WARMUP, true)
      // Rotate the order each round so neither side always runs on a fresher simulator.
      const sides = [
        { name: "ours", run: () => runOurs(`o${round}x`, REQUESTS), into: ours },
        { name: "bare", run: () => runBare(`b${round}x`, REQUESTS, false), into: bare },
        { name: "pool", run: () => runBare(`p${round}x`, REQUESTS, true), into: barePool },
      ]
      const order = [...sides.slice(round % 3), ...sides.slice(0, round % 3)]
      const line: string[] = []
      for (const side of order) {
        const sample = await side.run()
        side.into.push(sample)
        line.push(`${side.name} ${((REQUESTS / sample.elapsedMs) * 1000).toFixed(0)}`)
      }
      console.log(`round ${round + 1} req/s: ${line.join(", ")}`)
    }
  } finally {
    await client.close()
    await pool.close()
    child.kill("SIGTERM")
    clearTimeout(deadline)
  }

  const o = summarise(ours)
  const b = summarise(bare)
  const p = summarise(barePool)
  const row = (name: string, s: ReturnType<typeof summarise>) =>
    `${name.padEnd(22)} ${s.rps.toFixed(0).padStart(7)} req/s   p50 ${s.p50.toFixed(2).padStart(6)} ms   p99 ${s.p99.toFixed(2).padStart(6)} ms   client CPU ${s.cpuUsPerRequest.toFixed(0).padStart(4)} µs/req   errors ${s.errors}`
  console.log("")
  console.log(row("ours (YilianyunClient)", o))
  console.log(row("bare undici.request", b))
  console.log(row("bare Pool.request", p))
  const ratio = b.rps / o.rps
  console.log(`time ratio ours/bare (median req/s): ${ratio.toFixed(3)}  (target ≤ 1.15)   p50 ratio ${(o.p50 / b.p50).toFixed(3)}`)
  // The simulator dominates wall time on small machines; client CPU per request isolates our overhead.
  console.log(`client CPU per request ours/bare: ${(o.cpuUsPerRequest / b.cpuUsPerRequest).toFixed(3)}`)
  console.log(`stricter baseline (dedicated Pool): time ratio ${(p.rps / o.rps).toFixed(3)}, CPU ratio ${(o.cpuUsPerRequest / p.cpuUsPerRequest).toFixed(3)}`)
  if (o.errors + b.errors + p.errors > 0) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
