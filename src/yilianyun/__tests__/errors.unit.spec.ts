import { KNOWN_YILIANYUN_CODES } from "../codes"
import { YilianyunError, describeYilianyunCode, isRetryableCode, isTokenInvalidCode, scrubSecrets } from "../errors"

describe("describeYilianyunCode", () => {
  it("has its own sentence for every code 0–49 of the v1 table", () => {
    const generic = describeYilianyunCode(999).replace("999", "")
    const sentences = new Set<string>()
    for (let code = 0; code <= 49; code++) {
      const sentence = describeYilianyunCode(code)
      expect(sentence.replace(String(code), "")).not.toBe(generic)
      expect(sentence.length).toBeGreaterThan(20)
      sentences.add(sentence)
    }
    expect(sentences.size).toBe(50)
    expect([...KNOWN_YILIANYUN_CODES].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })

  it("tells the merchant what to do for an unreachable printer", () => {
    expect(describeYilianyunCode(9)).toMatch(/cannot be reached.*check its power and network/)
  })

  it("gives a generic sentence naming the code for unknown (v2) codes", () => {
    expect(describeYilianyunCode(1234)).toMatch(/error 1234/)
  })
})

describe("retry and token classification", () => {
  it("retries only transient cloud codes", () => {
    expect([9, 45, 49].every(isRetryableCode)).toBe(true)
    for (const code of [0, 2, 5, 8, 10, 11, 12, 13, 14, 16, 17, 18, 33, 35, 41, 47]) expect(isRetryableCode(code)).toBe(false)
  })

  it("marks 14 and 18 (and nothing else) as token-invalid", () => {
    const tokenCodes = Array.from({ length: 50 }, (_, i) => i).filter(isTokenInvalidCode)
    expect(tokenCodes).toEqual([14, 18])
    expect(new YilianyunError({ kind: "api", path: "print/index", code: 18, description: "expired" }).isTokenInvalid).toBe(true)
    expect(new YilianyunError({ kind: "api", path: "print/index", code: 11, description: "sign" }).isTokenInvalid).toBe(false)
    expect(new YilianyunError({ kind: "network", path: "print/index", description: "x" }).isTokenInvalid).toBe(false)
  })

  it.each([
    [{ kind: "network" as const }, true],
    [{ kind: "timeout" as const }, true],
    [{ kind: "http" as const, httpStatus: 502 }, true],
    [{ kind: "http" as const, httpStatus: 429 }, true],
    [{ kind: "http" as const, httpStatus: 404 }, false],
    [{ kind: "api" as const, code: 9 }, true],
    [{ kind: "api" as const, code: 11 }, false],
    [{ kind: "protocol" as const }, false],
  ])("%j → retryable %s", (init, retryable) => {
    const err = new YilianyunError({ path: "print/index", description: "reason", ...init })
    expect(err.retryable).toBe(retryable)
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe("YilianyunError")
    expect(err.code).toBe("code" in init ? init.code : null)
  })

  it("builds a message that names the cloud code, its sentence and the cloud's description", () => {
    const err = new YilianyunError({ kind: "api", path: "print/index", code: 9, description: "打印机不在线" })
    expect(err.message).toContain("check its power and network")
    expect(err.message).toContain("9")
    expect(err.message).toContain("打印机不在线")
    expect(err.toJSON()).toMatchObject({ kind: "api", code: 9, retryable: true, path: "print/index" })
  })
})

describe("scrubSecrets", () => {
  it("removes raw and percent-encoded secrets, ignores tiny values", () => {
    const out = scrubSecrets("token=ab+cd/ef and ab%2Bcd%2Fef and x", ["ab+cd/ef", "x", undefined])
    expect(out).not.toContain("ab+cd/ef")
    expect(out).not.toContain("ab%2Bcd%2Fef")
    expect(out).toContain(" x")
  })
})
