// Simulated time. An offset lets tests time-travel (expire the 2 h dedupe window or the rolling
// 24 h token quota) without waiting. It moves the simulator's internal windows and the times it
// records (receiving_time, print_time); the request-timestamp check and push_time stay on the
// real clock, because clients and push receivers compare those with their own real clocks.
export class SimClock {
  private offsetMs = 0

  nowMs(): number {
    return Date.now() + this.offsetMs
  }

  nowSec(): number {
    return Math.floor(this.nowMs() / 1000)
  }

  get offset(): number {
    return this.offsetMs
  }

  setOffset(ms: number): void {
    this.offsetMs = ms
  }

  advance(ms: number): void {
    this.offsetMs += ms
  }

  reset(): void {
    this.offsetMs = 0
  }
}

export function realNowSec(): number {
  return Math.floor(Date.now() / 1000)
}
