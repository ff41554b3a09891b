import { apiSign, pushSign, verifySign } from "../sign"

const CLIENT_ID = "1234567890"
const SECRET = "0123456789abcdef0123456789abcdef"

describe("apiSign / pushSign", () => {
  it("matches the reference vector md5(client_id + timestamp + secret)", () => {
    expect(apiSign(CLIENT_ID, 1700000000, SECRET)).toBe("a454103e01faed6b683635388367a24c")
    expect(apiSign(CLIENT_ID, "1700000000", SECRET)).toBe("a454103e01faed6b683635388367a24c")
  })

  it("matches the push reference vector with push_time 1426908399", () => {
    expect(pushSign(CLIENT_ID, 1426908399, SECRET)).toBe("bf2d10269c1c2b23544e7044c3637718")
  })

  it("gives a fresh digest on every call (no accumulated md5 state, the Python SDK bug)", () => {
    const first = apiSign(CLIENT_ID, 1700000000, SECRET)
    apiSign(CLIENT_ID, 1700000001, SECRET)
    expect(apiSign(CLIENT_ID, 1700000000, SECRET)).toBe(first)
  })
})

describe("verifySign", () => {
  const good = "bf2d10269c1c2b23544e7044c3637718"

  it("accepts the same signature in any hex case", () => {
    expect(verifySign(good, good)).toBe(true)
    expect(verifySign(good, good.toUpperCase())).toBe(true)
    expect(verifySign(good.toUpperCase(), good)).toBe(true)
  })

  it("rejects a different signature of the same length", () => {
    expect(verifySign(good, "af2d10269c1c2b23544e7044c3637718")).toBe(false)
  })

  it("returns false without throwing on unequal lengths, empty or non-string input", () => {
    expect(verifySign(good, good.slice(1))).toBe(false)
    expect(verifySign(good, "")).toBe(false)
    expect(verifySign("", "")).toBe(false)
    expect(verifySign(good, undefined as unknown as string)).toBe(false)
    expect(verifySign(good, `${good}00`)).toBe(false)
  })
})
