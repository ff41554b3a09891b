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

  it("reads 14 and 18 as token-invalid only with their v1 meaning (v1-shaped answer or v1 text)", () => {
    const tokenCodes = Array.from({ length: 50 }, (_, i) => i).filter(isTokenInvalidCode)
    expect(tokenCodes).toEqual([14, 18])
    const api = (code: number, description: string, codeType?: "string" | "number") =>
      new YilianyunError({ kind: "api", path: "print/index", code, description, codeType })
    expect(api(18, "expired", "string").isTokenInvalid).toBe(true) // v1-shaped: the table applies
    expect(api(18, "access_token过期或错误,请刷新access_token或者重新授权", "number").isTokenInvalid).toBe(true) // v1 text
    expect(api(18, "打印机离线", "number").isTokenInvalid).toBe(false) // v2 int, other meaning: not assumed
    expect(api(14, "something", "number").isTokenInvalid).toBe(false)
    expect(api(11, "sign验证失败", "string").isTokenInvalid).toBe(false)
    expect(new YilianyunError({ kind: "network", path: "print/index", description: "x" }).isTokenInvalid).toBe(false)
  })

  it.each([
    ["access_token已过期或已失效，请重新获取", true],
    ["access_token无效", true],
    ["Token已失效，请重新授权", true],
    ["Invalid access token", true],
    ["access token expired", true],
    ["token expired, fetch a new one", true],
    ["refresh_token已过期,请重新授权", false],
    ["获取或更新access_token的次数,已超过最大限制次数!", false],
    ["缺少必要参数: access_token", false],
    ["打印机离线", false],
  ])("recognises token trouble from the cloud's words, whatever the code: %s → %s", (description, expected) => {
    const err = new YilianyunError({ kind: "api", path: "print/index", code: 90018, codeType: "number", description })
    expect(err.isTokenInvalid).toBe(expected)
    if (expected) expect(err.retryable).toBe(false) // resending with the same token cannot succeed
  })

  it.each([
    [{ kind: "network" as const }, true],
    [{ kind: "timeout" as const }, true],
    [{ kind: "http" as const, httpStatus: 502 }, true],
    [{ kind: "http" as const, httpStatus: 429 }, true],
    [{ kind: "http" as const, httpStatus: 404 }, false],
    [{ kind: "api" as const, code: 9, codeType: "string" as const }, true],
    [{ kind: "api" as const, code: 9, codeType: "number" as const, description: "连接打印机失败,参数有误" }, true],
    [{ kind: "api" as const, code: 9, codeType: "number" as const }, false],
    [{ kind: "api" as const, code: 10045, codeType: "number" as const, description: "系统繁忙，请稍后重试" }, true],
    [{ kind: "api" as const, code: 10034, codeType: "number" as const, description: "参数不合法" }, false],
    [{ kind: "api" as const, code: 11, codeType: "string" as const }, false],
    [{ kind: "protocol" as const }, false],
  ])("%j → retryable %s", (init, retryable) => {
    const err = new YilianyunError({ path: "print/index", description: "reason", ...init })
    expect(err.retryable).toBe(retryable)
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe("YilianyunError")
    expect(err.code).toBe("code" in init ? init.code : null)
  })

  it("builds a message that names the cloud code, its sentence and the cloud's description", () => {
    const err = new YilianyunError({ kind: "api", path: "print/index", code: 9, codeType: "string", description: "打印机不在线" })
    expect(err.message).toContain("check its power and network")
    expect(err.message).toContain("9")
    expect(err.message).toContain("打印机不在线")
    expect(err.toJSON()).toMatchObject({ kind: "api", code: 9, retryable: true, path: "print/index", outcome: "refused" })
  })

  it("fails an unknown (v2) code with the cloud's own words, not a v1 sentence", () => {
    const err = new YilianyunError({ kind: "api", path: "print/index", code: 9, codeType: "number", description: "该终端已停用" })
    expect(err.message).toContain('"该终端已停用" (error 9)')
    expect(err.message).not.toContain("check its power and network")
    expect(err.refusal).toMatchObject({ table: "unknown", tokenInvalid: false, transient: false })
    expect(new YilianyunError({ kind: "api", path: "p", code: 123456, codeType: "number", description: "打印机忙碌，请稍后再试" }).message)
      .toMatch(/"打印机忙碌，请稍后再试" \(error 123456\).*safe to send again later/)
  })
})

describe("v1Code", () => {
  it("is the code only when it carries its v1 meaning", () => {
    const api = (code: number, description: string, codeType: "string" | "number") =>
      new YilianyunError({ kind: "api", path: "printer/cancelall", code, description, codeType })
    expect(api(24, "没有要取消的订单", "number").v1Code).toBe(24)
    expect(api(24, "anything", "string").v1Code).toBe(24)
    expect(api(24, "该终端已停用", "number").v1Code).toBeNull()
    expect(api(10024, "没有可以取消的订单", "number").v1Code).toBeNull()
    expect(new YilianyunError({ kind: "network", path: "p", description: "x" }).v1Code).toBeNull()
  })
})

describe("what happened to the request", () => {
  it.each([
    [{ kind: "api" as const, code: 45 }, true, "refused"],
    [{ kind: "http" as const, httpStatus: 404 }, true, "refused"],
    [{ kind: "http" as const, httpStatus: 502 }, "unknown", "unknown"],
    [{ kind: "timeout" as const }, "unknown", "unknown"],
    [{ kind: "network" as const }, "unknown", "unknown"],
    [{ kind: "network" as const, reachedCloud: false }, false, "not_sent"],
    [{ kind: "protocol" as const }, false, "not_sent"],
  ])("%j → reachedCloud %s, outcome %s", (init, reachedCloud, outcome) => {
    const err = new YilianyunError({ path: "print/index", description: "reason", ...init })
    expect(err.reachedCloud).toBe(reachedCloud)
    expect(err.outcome).toBe(outcome)
    expect(err.toJSON()).toMatchObject({ reachedCloud, outcome })
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
