import { apiSign, expectedMsign, hexEqualsIgnoreCase, md5Hex, pushSign } from "../signing"

describe("simulator signing", () => {
  it("derives the device key as the first 12 hex chars of md5('yly-sim:' + machine code)", () => {
    const machineCode = "4004000001"
    expect(expectedMsign(machineCode)).toBe(md5Hex(`yly-sim:${machineCode}`).slice(0, 12))
    expect(expectedMsign(machineCode)).toMatch(/^[0-9a-f]{12}$/)
    expect(expectedMsign("4004000002")).not.toBe(expectedMsign(machineCode))
  })

  it("matches the reference's test vectors for API and push signs", () => {
    const secret = "0123456789abcdef0123456789abcdef"
    expect(apiSign("1234567890", 1700000000, secret)).toBe("a454103e01faed6b683635388367a24c")
    expect(pushSign("1234567890", 1426908399, secret)).toBe("bf2d10269c1c2b23544e7044c3637718")
  })

  it("compares signs case-insensitively and rejects other lengths", () => {
    expect(hexEqualsIgnoreCase("A454103E01FAED6B683635388367A24C", "a454103e01faed6b683635388367a24c")).toBe(true)
    expect(hexEqualsIgnoreCase("a454103e", "a454103e01faed6b683635388367a24c")).toBe(false)
  })
})
