/**
 * At most `concurrency` tasks at a time, the rest started in the order they came. The print
 * subscribers run behind one: Medusa's event bus hands every subscriber its events at once, so a
 * burst of 1,000 orders would otherwise start 1,000 print workflows together — each holding its
 * order in memory, all waiting for the same database pool, and the first receipt out only when
 * nearly all of them had loaded. Queued, a burst prints first-come first-out with bounded memory.
 */
export class Limiter {
  private running = 0
  private readonly queue: (() => void)[] = []

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error("concurrency must be a positive integer")
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve))
    else this.running += 1
    try {
      return await task()
    } finally {
      const next = this.queue.shift()
      if (next) next() // the slot passes straight to the next task
      else this.running -= 1
    }
  }

  /** tasks running and waiting */
  get size(): number {
    return this.running + this.queue.length
  }
}
