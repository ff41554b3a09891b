/**
 * Applies acknowledged pushes in the background with bounded concurrency, so a burst of pushes
 * cannot starve the acknowledgements the platform waits for (3 s). What is queued here is already
 * recorded in yly_push_event: if the process dies first, the reconciler applies it.
 */
export class BackgroundQueue {
  private running = 0
  private readonly waiting: (() => Promise<unknown>)[] = []

  constructor(private readonly concurrency: number, private readonly onError: (e: unknown) => void) {}

  push(task: () => Promise<unknown>): void {
    this.waiting.push(task)
    this.drain()
  }

  get size(): number {
    return this.waiting.length + this.running
  }

  private drain(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const task = this.waiting.shift()!
      this.running++
      // setImmediate: start after the current request's response has been written
      setImmediate(() => {
        task()
          .catch(this.onError)
          .finally(() => {
            this.running--
            this.drain()
          })
      })
    }
  }
}
