// Print ids as the v2 document shows them: 10-digit integers that only grow (`2099743426`).
//
// A simulator keeps nothing on disk, yet a restarted one must not hand out ids a store already
// holds from the last run (the demo keeps its database). So the counter starts from the wall
// clock — deciseconds since 2025-01-01, plus 1 000 000 000 — and each id is the larger of "last
// id + 1" and that clock value. A restart therefore continues above every earlier id unless the
// previous run issued more than ten ids per second for long enough to run ahead of the clock and
// the restart came before the clock caught up. The 10-digit range lasts until about 2053.

const EPOCH_MS = Date.UTC(2025, 0, 1)
const TEN_DIGIT_FLOOR = 1_000_000_000
const TEN_DIGIT_CEILING = 9_999_999_999

export function clockPrintId(nowMs: number): number {
  return TEN_DIGIT_FLOOR + Math.max(0, Math.floor((nowMs - EPOCH_MS) / 100))
}

export class PrintIdSource {
  private last = 0

  constructor(private readonly now: () => number = Date.now) {}

  /** The next id: 10 digits, or 19 (the 10-digit id × 10^9 + 1: above 2^53, still increasing). */
  next(digits: 10 | 19): string {
    this.last = Math.max(this.last + 1, clockPrintId(this.now()))
    if (this.last > TEN_DIGIT_CEILING) throw new Error("simulator print ids exhausted the 10-digit range")
    return digits === 10 ? String(this.last) : (BigInt(this.last) * 1_000_000_000n + 1n).toString()
  }
}
