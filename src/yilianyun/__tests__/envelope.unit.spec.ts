import fc from "fast-check"
import { parseEnvelope, parseErrorCode } from "../envelope"
import { YilianyunError } from "../errors"
import { parseJsonPreservingBigInts } from "../json"

const ok = (text: string, statusCode = 200) => ({ statusCode, text })

function failure(fn: () => unknown): YilianyunError {
  try {
    fn()
  } catch (e) {
    if (e instanceof YilianyunError) return e
    throw e
  }
  throw new Error("expected a YilianyunError")
}

describe("parseJsonPreservingBigInts", () => {
  it("keeps every digit of a 19-digit print id", () => {
    const parsed = parseJsonPreservingBigInts('{"error":0,"body":{"id":1234567890123456789}}') as any
    expect(parsed.body.id).toBe("1234567890123456789")
  })

  it("quotes big integers anywhere (arrays, negatives) but leaves short numbers, floats and strings alone", () => {
    const text = '{"a":[9007199254740993,-12345678901234567,42],"f":1.23456789012345678,"e":1e1234567890123456,"s":"x 12345678901234567890 \\" 1234567890123456789","n":123456789012345}'
    const parsed = parseJsonPreservingBigInts(text) as any
    expect(parsed.a).toEqual(["9007199254740993", "-12345678901234567", 42])
    expect(typeof parsed.f).toBe("number")
    expect(parsed.e).toBe(Infinity)
    expect(parsed.s).toBe('x 12345678901234567890 " 1234567890123456789')
    expect(parsed.n).toBe(123456789012345)
  })

  it("equals JSON.parse for any JSON without long integers", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value)
        fc.pre(!/\d{16}/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, "")))
        expect(parseJsonPreservingBigInts(text)).toEqual(JSON.parse(text))
      }),
    )
  })

  it("never alters string contents, whatever digits they hold", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.bigInt({ min: 10n ** 15n, max: 10n ** 25n }), (s, big) => {
        const text = `{"s":${JSON.stringify(s + big.toString())},"id":${big}}`
        const parsed = parseJsonPreservingBigInts(text) as any
        expect(parsed.s).toBe(s + big.toString())
        expect(parsed.id).toBe(big.toString())
      }),
    )
  })
})

describe("parseEnvelope", () => {
  it("accepts error as number 0 (v2) and string \"0\" (v1)", () => {
    expect(parseEnvelope("p", ok('{"error":0,"error_description":"success","timestamp":1685430472,"body":{"id":"1"}}'), []).body).toEqual({ id: "1" })
    const v1 = parseEnvelope("p", ok('{"error":"0","error_description":"success","body":{"id":2099743426,"origin_id":15966}}'), [])
    expect(v1.error).toBe(0)
    expect(v1.body).toEqual({ id: "2099743426", origin_id: "15966" })
    expect(v1.timestamp).toBeUndefined()
  })

  it("turns id fields into strings at any depth and keeps other numbers", () => {
    const env = parseEnvelope<any>(
      "printer/getorderpaginglist",
      ok('{"error":0,"body":[{"id":2099743417,"origin_id":"2223","status":1,"machine_code":4004628158,"print_time":1685430472}]}'),
      [],
    )
    expect(env.body[0]).toEqual({ id: "2099743417", origin_id: "2223", status: 1, machine_code: "4004628158", print_time: 1685430472 })
  })

  it.each([
    ['{"error":0}', undefined],
    ['{"error":0,"body":""}', undefined],
    ['{"error":0,"body":[]}', []],
    ['{"error":"0","body":{"aid":3}}', { aid: "3" }],
  ])("body of %s is %j", (text, body) => {
    expect(parseEnvelope("p", ok(text), []).body).toEqual(body)
  })

  it("throws an api error with the cloud code for error != 0, numeric or string", () => {
    const err = failure(() => parseEnvelope("print/index", ok('{"error":"9","error_description":"打印机不在线"}'), []))
    expect(err).toMatchObject({ kind: "api", code: 9, retryable: true, path: "print/index", description: "打印机不在线" })
    const err11 = failure(() => parseEnvelope("print/index", ok('{"error":11,"error_description":"sign验证失败"}'), []))
    expect(err11).toMatchObject({ kind: "api", code: 11, retryable: false })
  })

  it("carries the body details of codes 47/49 in the description", () => {
    const err = failure(() => parseEnvelope("printer/setvoice", ok('{"error":47,"error_description":"参数错误","body":"volume out of range"}'), []))
    expect(err.description).toContain("volume out of range")
  })

  it("maps non-2xx to http errors: 5xx/429 retryable, 4xx not", () => {
    expect(failure(() => parseEnvelope("p", ok("Bad Gateway", 502), []))).toMatchObject({ kind: "http", httpStatus: 502, retryable: true, code: null })
    expect(failure(() => parseEnvelope("p", ok("slow down", 429), []))).toMatchObject({ kind: "http", retryable: true })
    expect(failure(() => parseEnvelope("p", ok('{"error":0}', 404), []))).toMatchObject({ kind: "http", httpStatus: 404, retryable: false })
  })

  it.each(["<html>captive portal</html>", "", "[1,2]", '{"error_description":"no code"}', '{"error":"abc"}', '{"error":1.5}'])(
    "rejects unreadable %j as a non-retryable protocol error",
    (text) => {
      expect(failure(() => parseEnvelope("p", ok(text), []))).toMatchObject({ kind: "protocol", retryable: false })
    },
  )

  it("never lets a secret echoed by the cloud into the error", () => {
    const secret = "0123456789abcdef0123456789abcdef"
    const token = "tok+en/with=chars"
    const text = JSON.stringify({ error: 14, error_description: `access_token ${token} wrong for secret ${secret}`, body: { access_token: encodeURIComponent(token) } })
    const err = failure(() => parseEnvelope("print/index", ok(text), [secret, token]))
    for (const s of [secret, token, encodeURIComponent(token)]) {
      expect(err.message).not.toContain(s)
      expect(err.description).not.toContain(s)
      expect(JSON.stringify(err)).not.toContain(s)
    }
    expect(err.isTokenInvalid).toBe(true)
  })
})

describe("parseErrorCode", () => {
  it.each([
    [0, 0],
    ["0", 0],
    [" 18 ", 18],
    ["x", undefined],
    [null, undefined],
    [2.5, undefined],
  ])("%j → %j", (input, out) => expect(parseErrorCode(input)).toBe(out))
})
