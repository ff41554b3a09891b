export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number
  /** Upper bound before jitter. */
  maxMs: number
}

/**
 * Delay before retry number `attempt` (1-based): min(base·2^(attempt-1), max), then jittered to
 * 50–100 % so many workers don't retry in lockstep, and never below base (stripe-node's rule).
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1
  const base = Math.max(0, options.baseMs)
  const max = Math.max(base, options.maxMs)
  const capped = Math.min(base * 2 ** (n - 1), max)
  const jittered = capped * (0.5 + 0.5 * random())
  return Math.round(Math.max(base, jittered))
}
