interface SqlManager {
  transactional<T>(fn: (em: SqlManager) => Promise<T>): Promise<T>
  execute(sql: string, params?: unknown[]): Promise<any>
}

/** The advisory-lock namespace of per-order locks (the token lock uses the one-key form). */
const ORDER_LOCK_SPACE = 72_001

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export class OrderLockTimeoutError extends Error {
  constructor(orderId: string, waitedMs: number) {
    super(`Another process kept the print state of order ${orderId} locked for ${waitedMs} ms; it is refreshed again later.`)
    this.name = "OrderLockTimeoutError"
  }
}

/**
 * A lock per order that holds across processes with no extra Medusa module configured: a
 * transaction-scoped PostgreSQL advisory lock taken with a *try*, through the module's own
 * connection. A waiter does not sit on a pooled connection: it sleeps and tries again, so a burst
 * of waiters cannot drain the pool the holder needs for its own work (the holder keeps one
 * connection open while `fn` runs on others). Within a process at most `concurrency` holders run
 * at once, for the same reason.
 */
export class OrderLocks {
  private running = 0
  private readonly queue: (() => void)[] = []

  constructor(
    private readonly manager: SqlManager,
    private readonly opts: { concurrency?: number; timeoutMs?: number } = {}
  ) {}

  async run<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    await this.slot()
    try {
      const timeoutMs = this.opts.timeoutMs ?? 15_000
      const started = Date.now()
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.manager.transactional(async (em) => {
          const [row] = await em.execute(`SELECT pg_try_advisory_xact_lock(?, hashtext(?)) AS locked`, [ORDER_LOCK_SPACE, orderId])
          if (!row?.locked) return { locked: false as const }
          return { locked: true as const, value: await fn() }
        })
        if (outcome.locked) return outcome.value
        if (Date.now() - started > timeoutMs) throw new OrderLockTimeoutError(orderId, Date.now() - started)
        await sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 4)) + Math.random() * 10)
      }
    } finally {
      this.release()
    }
  }

  private slot(): Promise<void> {
    if (this.running < (this.opts.concurrency ?? 2)) {
      this.running++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.queue.push(resolve))
  }

  private release(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.running--
  }
}
