import { performance } from "node:perf_hooks"

/**
 * Open-loop load: starts `send(i)` at a fixed rate whatever the previous ones are doing (a
 * closed loop would hide queueing), for `seconds`. Returns each request's latency and errors.
 */
export async function openLoop(rate: number, seconds: number, send: (i: number) => Promise<boolean>) {
  const total = Math.round(rate * seconds)
  const latencies: number[] = []
  let errors = 0
  const start = performance.now()
  const inflight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inflight.push(
      (async () => {
        const t = performance.now()
        try {
          if (!(await send(i))) errors++
        } catch {
          errors++
        }
        latencies.push(performance.now() - t)
      })()
    )
  }
  await Promise.all(inflight)
  const elapsed = (performance.now() - start) / 1000
  return { latencies, errors, total, rate: total / elapsed }
}
