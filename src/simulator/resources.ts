// Every timer and outgoing request the simulator starts is registered here, so reset() and
// close() can stop them all and jest exits cleanly.

export interface Cancelable {
  cancel(): void
}

export class Resources {
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly others = new Set<Cancelable>()
  private closed = false

  get isClosed(): boolean {
    return this.closed
  }

  /** setTimeout that is forgotten once fired and cleared on dispose(). */
  setTimer(run: () => void, ms: number): NodeJS.Timeout | undefined {
    if (this.closed) return undefined
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, Math.max(0, ms))
    this.timers.add(timer)
    return timer
  }

  clearTimer(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return
    clearTimeout(timer)
    this.timers.delete(timer)
  }

  /** Resolves after ms, or right away if the resources are disposed meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed || ms <= 0) return resolve()
      const handle: Cancelable = {
        cancel: () => {
          this.clearTimer(timer)
          resolve()
        },
      }
      const timer = this.setTimer(() => {
        this.others.delete(handle)
        resolve()
      }, ms)
      this.others.add(handle)
    })
  }

  track(item: Cancelable): () => void {
    if (this.closed) {
      item.cancel()
      return () => undefined
    }
    this.others.add(item)
    return () => this.others.delete(item)
  }

  /** Stops everything started so far; new work is still accepted (used by reset). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    const others = [...this.others]
    this.others.clear()
    for (const item of others) item.cancel()
  }

  dispose(): void {
    this.cancelAll()
    this.closed = true
  }
}
