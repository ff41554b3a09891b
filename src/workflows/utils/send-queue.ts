/**
 * Runs tasks in lanes: one lane per key (a printer), each lane's tasks one after another in the
 * order they came, at most `concurrency` lanes at a time. So a printer's jobs reach the cloud in
 * order, and a burst of jobs holds a bounded number of database connections and sockets.
 *
 * A task may hand its lane on before it ends (`next()`): once its requests have been answered, the
 * next job of that printer can go while this one finishes its bookkeeping. Such tails run beside
 * the lanes, at most `concurrency` of them, so the bound on connections holds.
 */
export class LaneQueue {
  private readonly lanes = new Map<string, { tasks: ((next: () => void) => Promise<void>)[]; active: boolean }>()
  /** lanes whose head task holds them */
  private active = 0
  /** tasks that handed their lane on and are still finishing */
  private tails = 0

  constructor(private readonly concurrency: number) {}

  run<T>(key: string, task: (next: () => void) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lane = this.lanes.get(key)
      if (!lane) {
        lane = { tasks: [], active: false }
        this.lanes.set(key, lane)
      }
      lane.tasks.push((next) => task(next).then(resolve, reject))
      this.schedule()
    })
  }

  /** tasks waiting or running */
  get size(): number {
    let n = this.tails
    for (const lane of this.lanes.values()) n += lane.tasks.length + (lane.active ? 1 : 0)
    return n
  }

  private schedule(): void {
    for (const [key, lane] of this.lanes) {
      if (this.active >= this.concurrency || this.active + this.tails >= 2 * this.concurrency) return
      if (lane.active || !lane.tasks.length) continue
      lane.active = true
      this.active++
      void this.drain(key, lane)
    }
  }

  private async drain(key: string, lane: { tasks: ((next: () => void) => Promise<void>)[]; active: boolean }): Promise<void> {
    while (lane.tasks.length) {
      const task = lane.tasks.shift()!
      let handedOn = false
      let handOn: () => void = () => undefined
      const handed = new Promise<void>((r) => (handOn = r))
      const next = () => {
        if (!handedOn) (handedOn = true), handOn()
      }
      const done = task(next)
      await Promise.race([done, handed])
      if (handedOn) {
        this.tails++
        void done.finally(() => {
          this.tails--
          this.schedule()
        })
        // the lane goes on only while the tails stay bounded
        if (this.active + this.tails > 2 * this.concurrency) await done
      }
    }
    lane.active = false
    this.active--
    if (!lane.tasks.length) this.lanes.delete(key)
    this.schedule()
  }
}
