import { TokenBackoffError, TokenFetchFailedError } from "../../../modules/yilianyun/token-store"
import { YilianyunError } from "../../../yilianyun"
import { classifySendFailure } from "../send-failure"

const freesAt = new Date("2030-01-01T00:05:00Z")

/** What a failed attempt means for the print: a token that cannot be had is a wait, never a failure. */
describe("classifySendFailure", () => {
  it("a token fetch the cloud refused (41) waits until the store's backoff, with the cloud's code", () => {
    const quota = new YilianyunError({ kind: "api", path: "oauth/oauth", code: 41, codeType: "string", description: "获取或刷新token次数超过限制" })
    expect(classifySendFailure(new TokenFetchFailedError(quota, freesAt))).toEqual({
      kind: "wait",
      until: freesAt,
      reason: quota.message,
      code: "41",
    })
  })

  it("a token fetch that did not reach the cloud waits too, with the store's code for it", () => {
    const dns = new YilianyunError({ kind: "network", path: "oauth/oauth", description: "getaddrinfo ENOTFOUND", reachedCloud: false })
    expect(classifySendFailure(new TokenFetchFailedError(dns, null))).toEqual({
      kind: "wait",
      until: null,
      reason: dns.message,
      code: "token_fetch_failed",
    })
    expect(classifySendFailure(new TokenBackoffError(freesAt, dns.message))).toMatchObject({ kind: "wait", until: freesAt, code: "token_backoff" })
  })

  it("the print's own request is read by what happened to it", () => {
    const print = (init: Partial<ConstructorParameters<typeof YilianyunError>[0]>) =>
      classifySendFailure(new YilianyunError({ kind: "api", path: "print/index", description: "x", ...init }))
    expect(print({ kind: "network", reachedCloud: false })).toMatchObject({ kind: "not_reached", code: "network" })
    expect(print({ kind: "timeout" })).toMatchObject({ kind: "unknown", code: "timeout" })
    expect(print({ code: 16, codeType: "string", description: "机器码不存在" })).toMatchObject({ kind: "permanent", code: "16" })
  })
})
