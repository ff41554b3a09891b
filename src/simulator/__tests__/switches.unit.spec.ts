import { DEFAULT_BEHAVIOR, mergeBehavior } from "../behavior"
import { Faults } from "../faults"
import { decodeIfEncoded, parseMenuContent } from "../menu"
import { clockPrintId, PrintIdSource } from "../print-ids"

describe("print ids", () => {
  it("are 10 digits, follow the clock at 10 per second, and never go back", () => {
    let now = Date.UTC(2026, 10, 30, 12)
    const ids = new PrintIdSource(() => now)
    const a = ids.next(10)
    expect(a).toMatch(/^\d{10}$/)
    expect(a).toBe(String(clockPrintId(now)))
    const burst = Array.from({ length: 5 }, () => Number(ids.next(10)))
    expect(burst).toEqual([1, 2, 3, 4, 5].map((i) => Number(a) + i)) // faster than the clock: +1 each
    now -= 60_000 // a clock set back does not rewind them
    expect(Number(ids.next(10))).toBe(Number(a) + 6)
  })

  it("a restart continues above the last run once the clock has caught up with it", () => {
    let now = Date.UTC(2026, 10, 30, 12)
    const first = new PrintIdSource(() => now)
    const issued = Array.from({ length: 3 }, () => Number(first.next(10)))
    now += 300 // three ids are at most 0.3 s ahead of the clock
    const restarted = new PrintIdSource(() => now)
    expect(Number(restarted.next(10))).toBeGreaterThan(Math.max(...issued))
  })

  it("19-digit ids exceed 2^53 and keep the order", () => {
    const ids = new PrintIdSource(() => Date.UTC(2026, 0, 1))
    const [a, b] = [ids.next(19), ids.next(19)]
    expect(a).toMatch(/^\d{19}$/)
    expect(BigInt(a) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
    expect(BigInt(b) > BigInt(a)).toBe(true)
  })
})

describe("behaviour switches", () => {
  it("merge over the defaults and name a wrong switch or value", () => {
    expect(mergeBehavior(DEFAULT_BEHAVIOR, { clockSkewSec: -30 })).toEqual({ ...DEFAULT_BEHAVIOR, clockSkewSec: -30 })
    expect(() => mergeBehavior(DEFAULT_BEHAVIOR, { clockSkewSec: 1.5 })).toThrow(/clockSkewSec must be a whole number/)
    expect(() => mergeBehavior(DEFAULT_BEHAVIOR, { finishOrderId: "none" })).toThrow(/"present", "absent" or "empty"/)
    expect(() => mergeBehavior(DEFAULT_BEHAVIOR, { probe: true })).toThrow(/unknown behavior switch probe/)
    expect(() => mergeBehavior(DEFAULT_BEHAVIOR, [])).toThrow(/object/)
  })

  it("default to the v2 document where it speaks", () => {
    expect(DEFAULT_BEHAVIOR).toMatchObject({ printIdDigits: 10, defaultIdempotence: 1, probePushUrls: true, orderStatus: "v2" })
  })
})

describe("late requests", () => {
  it("target the next calls of one printer on the given paths", () => {
    const faults = new Faults()
    faults.apply({ lateNext: { count: 2, delayMs: 50, machineCode: "4004000001" } })
    expect(faults.takeLate("print/index", "4004000002")).toBeUndefined()
    expect(faults.takeLate("printer/getprintstatus", "4004000001")).toBeUndefined()
    expect(faults.takeLate("/v2/print/index", "4004000001")).toBe(50)
    expect(faults.takeLate("print/index", "4004000001")).toBe(50)
    expect(faults.takeLate("print/index", "4004000001")).toBeUndefined()
    expect(() => faults.apply({ lateNext: { machineCode: "12" } })).toThrow(/10-digit/)
  })
})

describe("menu content", () => {
  it("decodes URL-encoded values (also PHP's + for a space) and refuses others when strict", () => {
    expect(decodeIfEncoded("a%20b+c")).toBe("a b c")
    expect(decodeIfEncoded("https://x")).toBeUndefined()
    expect(decodeIfEncoded("%E0%A4%A")).toBeUndefined()
    expect(parseMenuContent('["Menu","https%3A%2F%2Fs.test%2F"]', true)).toEqual(["Menu", "https://s.test/"])
    expect(() => parseMenuContent('["Menu","https://s.test/"]', true)).toThrow(/urlencode/)
    expect(parseMenuContent('["Menu","https://s.test/"]', false)).toEqual(["Menu", "https://s.test/"])
  })
})
