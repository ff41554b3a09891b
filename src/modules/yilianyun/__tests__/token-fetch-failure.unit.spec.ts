import { YilianyunError } from "../../../yilianyun"
import { classifyFetchFailure } from "../token-store"

const refused = (code: number, description: string, codeType: "string" | "number" = "string") =>
  new YilianyunError({ kind: "api", path: "oauth/oauth", code, codeType, description })

/**
 * What a failed token fetch costs: the budget only when it could have spent the cloud's quota. What
 * the store makes of a failed fetch (TokenFetchFailedError, its backoff) is token-store.module.spec.ts.
 */
describe("classifyFetchFailure", () => {
  it("a fetch that never reached the cloud spends no budget and blocks nothing", () => {
    const dns = new YilianyunError({ kind: "network", path: "oauth/oauth", description: "getaddrinfo ENOTFOUND", reachedCloud: false })
    expect(classifyFetchFailure(dns)).toEqual({ counted: false, blocking: null })
  })

  it("a fetch whose outcome is unknown counts: the cloud may have issued a token", () => {
    const timeout = new YilianyunError({ kind: "timeout", path: "oauth/oauth", description: "headers timeout" })
    expect(classifyFetchFailure(timeout)).toEqual({ counted: true, blocking: null })
  })

  it("wrong credentials (2, 5, 11, or the cloud's words) block fetching and spend nothing", () => {
    expect(classifyFetchFailure(refused(11, "sign验证失败"))).toEqual({ counted: false, blocking: "secret" })
    expect(classifyFetchFailure(refused(5, "client_id或client_secret错误"))).toEqual({ counted: false, blocking: "secret" })
    expect(classifyFetchFailure(refused(10011, "签名错误，请检查", "number"))).toEqual({ counted: false, blocking: "secret" })
  })

  it("a wrong clock blocks too, and says so", () => {
    expect(classifyFetchFailure(refused(10034, "timestamp不合法", "number"))).toEqual({ counted: false, blocking: "clock" })
  })

  it("the cloud's daily limit counts (the quota is what it says is spent)", () => {
    expect(classifyFetchFailure(refused(41, "获取或刷新token次数超过限制"))).toEqual({ counted: true, blocking: null })
  })
})
