import { CloudError } from "../codes"
import { RollingQuota, TokenBook } from "../tokens"

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

describe("RollingQuota", () => {
  it("refuses the 21st fetch within any 24 h and frees a slot 24 h after the oldest fetch", () => {
    const quota = new RollingQuota(20, DAY)
    const start = 1_700_000_000_000
    for (let i = 0; i < 20; i++) expect(quota.tryTake(start + i * HOUR)).toBe(true)
    expect(quota.tryTake(start + 20 * HOUR)).toBe(false)
    expect(quota.nextSlotAt(start + 20 * HOUR)).toBe(start + DAY)
    // Rolling, not a calendar day: just before the oldest fetch ages out, still full.
    expect(quota.tryTake(start + DAY - 1)).toBe(false)
    expect(quota.tryTake(start + DAY + 1)).toBe(true)
    expect(quota.tryTake(start + DAY + 2)).toBe(false)
    expect(quota.used(start + DAY + 2)).toBe(20)
  })
})

describe("TokenBook", () => {
  let counter = 0
  const makeToken = () => (++counter).toString(16).padStart(32, "0")
  const book = () => new TokenBook("1000000001", new RollingQuota(20, DAY), makeToken)

  it("revokes the previous token as soon as a new one is fetched", () => {
    const tokens = book()
    const first = tokens.fetch(0)
    expect(tokens.check(first.accessToken)).toBe("valid")
    const second = tokens.fetch(1)
    expect(tokens.check(first.accessToken)).toBe("invalid")
    expect(tokens.check(second.accessToken)).toBe("valid")
    expect(tokens.check("not-a-token")).toBe("malformed")
    expect(tokens.info(1)).toMatchObject({ fetchesInWindow: 2, remaining: 18, currentTokenId: "token-2", revokedCount: 1 })
  })

  it("answers 41 when the quota is spent and 20 for an unknown refresh token", () => {
    const tokens = book()
    for (let i = 0; i < 20; i++) tokens.fetch(i)
    expect(() => tokens.fetch(21)).toThrow(expect.objectContaining({ code: 41 }))
    expect(() => tokens.refresh("f".repeat(32), 21)).toThrow(CloudError)
    expect(() => tokens.refresh("f".repeat(32), 21)).toThrow(expect.objectContaining({ code: 20 }))
  })

  it("refreshes into a new pair, and a retried refresh returns the same pair without spending quota", () => {
    const tokens = book()
    const first = tokens.fetch(0)
    const refreshed = tokens.refresh(first.refreshToken, 10)
    expect(refreshed.accessToken).not.toBe(first.accessToken)
    expect(tokens.check(first.accessToken)).toBe("invalid")
    expect(tokens.refresh(first.refreshToken, 20)).toBe(refreshed)
    expect(tokens.info(20).fetchesInWindow).toBe(2)
  })
})
