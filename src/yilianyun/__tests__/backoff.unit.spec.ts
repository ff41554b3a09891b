import { backoffDelay } from "../backoff"

describe("backoffDelay", () => {
  const opts = { baseMs: 500, maxMs: 8000 }

  it("doubles per attempt up to the cap when jitter is at its maximum", () => {
    const top = () => 0.999999
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, opts, top))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000])
  })

  it("jitters down to half but never below the base delay", () => {
    const bottom = () => 0
    expect(backoffDelay(1, opts, bottom)).toBe(500)
    expect(backoffDelay(2, opts, bottom)).toBe(500)
    expect(backoffDelay(4, opts, bottom)).toBe(2000)
    expect(backoffDelay(9, opts, bottom)).toBe(4000)
  })

  it("stays within [base, max] for random jitter and odd attempt numbers", () => {
    for (const attempt of [-3, 0, 1, 2.7, 7, 50, Number.NaN]) {
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, opts)
        expect(d).toBeGreaterThanOrEqual(500)
        expect(d).toBeLessThanOrEqual(8000)
      }
    }
  })
})
