/**
 * Runs tasks in lanes: one lane per key (a printer), each lane's tasks one after another in the
 * order they came, at most `concurrency` lanes at a time. So a printer's jobs reach the cloud in
 * order, and a burst of jobs holds a bounded number of database connections and sockets.
 */
export class LaneQueue {
  private readonly lanes = new Map<string, { tasks: (() => Promise<void>)[]; active: boolean }>()
  private active = 0

  constructor(private readonly concurrency: number) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let lane = this.lanes.get(key)
      if (!lane) {
        lane = { tasks: [], active: false }
        this.lanes.set(key, lane)
      }
      lane.tasks.push(() => task().then(resolve, reject))
      this.schedule()
    })
  }

  /** tasks waiting or running */
  get size(): number {
    let n = 0
    for (const lane of this.lanes.values()) n += lane.tasks.length + (lane.active ? 1 : 0)
    return n
  }

  private schedule(): void {
    for (const [key, lane] of this.lanes) {
      if (this.active >= this.concurrency) return
      if (lane.active || !lane.tasks.length) continue
      lane.active = true
      this.active++
      void this.drain(key, lane)
    }
  }

  private async drain(key: string, lane: { tasks: (() => Promise<void>)[]; active: boolean }): Promise<void> {
    while (lane.tasks.length) await lane.tasks.shift()!()
    lane.active = false
    this.active--
    if (!lane.tasks.length) this.lanes.delete(key)
    this.schedule()
  }
}
