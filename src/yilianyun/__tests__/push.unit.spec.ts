import { YilianyunError } from "../errors"
import { parsePush, pushAck, verifyPush } from "../push"
import { pushSign } from "../sign"

const clientId = "1234567890"
const clientSecret = "0123456789abcdef0123456789abcdef"
const PUSH_TIME = 1426908399
const SIGN = "bf2d10269c1c2b23544e7044c3637718"
const opts = { clientId, clientSecret, nowSec: PUSH_TIME + 5 }

const finishForm = `cmd=oauth_finish&machine_code=1212&order_id=1234567890123456789&state=1&print_time=1426908344&origin_id=15966&push_time=${PUSH_TIME}&sign=${SIGN}`

function parseError(fn: () => unknown): YilianyunError {
  try {
    fn()
  } catch (e) {
    if (e instanceof YilianyunError) return e
    throw e
  }
  throw new Error("expected parsePush to throw")
}

describe("parsePush", () => {
  it("parses a form-encoded print-finished push with ids as strings and raw fields kept", () => {
    const push = parsePush(finishForm, "application/x-www-form-urlencoded")
    expect(push).toMatchObject({
      cmd: "oauth_finish",
      machineCode: "1212",
      orderId: "1234567890123456789",
      originId: "15966",
      state: 1,
      printTime: 1426908344,
      pushTime: PUSH_TIME,
      sign: SIGN,
    })
    expect(push.raw.order_id).toBe("1234567890123456789")
    expect(verifyPush(push, opts)).toEqual({ ok: true })
  })

  it("parses the same push sent as a Buffer without content type", () => {
    expect(parsePush(Buffer.from(finishForm)).cmd).toBe("oauth_finish")
  })

  it("parses a JSON body, keeping a bare 19-digit order id exact", () => {
    const json = `{"cmd":"oauth_getOrder","machine_code":4004519454,"order_id":1234567890123456789,"state":1,"push_time":${PUSH_TIME},"sign":"${SIGN.toUpperCase()}"}`
    const push = parsePush(json, "application/json; charset=utf-8")
    expect(push).toMatchObject({ cmd: "oauth_getOrder", machineCode: "4004519454", orderId: "1234567890123456789", state: 1 })
    expect(verifyPush(push, opts)).toEqual({ ok: true })
  })

  it("accepts an already-parsed object body", () => {
    const push = parsePush({ cmd: "oauth_printStatus", machine_code: "4004519454", online: "2", push_time: String(PUSH_TIME), sign: SIGN })
    expect(push).toMatchObject({ cmd: "oauth_printStatus", online: "paper_out" })
  })

  it.each([
    ["0", "offline"],
    ["1", "online"],
    ["2", "paper_out"],
  ])("maps printStatus online=%s to %s", (online, state) => {
    const push = parsePush(`cmd=oauth_printStatus&machine_code=1&online=${online}&push_time=${PUSH_TIME}&sign=${SIGN}`)
    expect(push.cmd === "oauth_printStatus" && push.online).toBe(state)
  })

  it("parses key-request and menu pushes", () => {
    expect(parsePush(`cmd=oauth_request&machine_code=1&state=request2&push_time=${PUSH_TIME}&sign=${SIGN}`)).toMatchObject({ cmd: "oauth_request", state: "request2" })
    expect(parsePush(`cmd=oauth_printMenu&machine_code=1&menu=x&push_time=${PUSH_TIME}&sign=${SIGN}`)).toMatchObject({ cmd: "oauth_printMenu", machineCode: "1" })
  })

  it("does not take the legacy API's printmenu push for an app-menu push (it can never verify)", () => {
    const legacy = parsePush(`cmd=printmenu&machine_code=1&time=1427647569&push_time=${PUSH_TIME}&sign=${SIGN.toUpperCase()}`)
    expect(legacy).toMatchObject({ cmd: "unknown", rawCmd: "printmenu" })
  })

  it("keeps an unknown cmd with all its fields instead of dropping it", () => {
    const push = parsePush(`cmd=oauth_newThing&machine_code=9&foo=b%26r+z&push_time=${PUSH_TIME}&sign=${SIGN}`)
    expect(push).toMatchObject({ cmd: "unknown", rawCmd: "oauth_newThing", machineCode: "9" })
    expect(push.cmd === "unknown" && push.fields.foo).toBe("b&r z")
    expect(verifyPush(push, opts)).toEqual({ ok: true })
  })

  it("decodes CJK and emoji in form values", () => {
    const push = parsePush(`cmd=x&note=${encodeURIComponent("桌号 3 🍜")}&push_time=${PUSH_TIME}&sign=${SIGN}`)
    expect(push.raw.note).toBe("桌号 3 🍜")
  })

  it.each([
    ["missing cmd", `machine_code=1&push_time=${PUSH_TIME}&sign=${SIGN}`, /cmd/],
    ["missing push_time", `cmd=oauth_finish&machine_code=1&sign=${SIGN}`, /push_time/],
    ["missing sign", `cmd=oauth_finish&machine_code=1&push_time=${PUSH_TIME}`, /sign/],
    ["non-numeric push_time", `cmd=x&push_time=yesterday&sign=${SIGN}`, /push_time/],
    ["bad escape", `cmd=x&note=%E4%B8&push_time=${PUSH_TIME}&sign=${SIGN}`, /%-escape|UTF-8/],
    ["duplicate field", `cmd=x&sign=${SIGN}&push_time=${PUSH_TIME}&sign=${SIGN}`, /repeats/],
    ["JSON array", "[1,2]", /not an object/],
    ["broken JSON", '{"cmd":', /not valid JSON/],
    ["getOrder with state 7", `cmd=oauth_getOrder&machine_code=1&order_id=5&state=7&push_time=${PUSH_TIME}&sign=${SIGN}`, /state/],
    ["finish without ids", `cmd=oauth_finish&machine_code=1&state=1&push_time=${PUSH_TIME}&sign=${SIGN}`, /order_id/],
  ])("rejects %s with a clear error", (_name, body, reason) => {
    const err = parseError(() => parsePush(body))
    expect(err.kind).toBe("protocol")
    expect(err.retryable).toBe(false)
    expect(err.message).toMatch(reason)
  })

  it("rejects bytes that are not UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from(`cmd=x&push_time=${PUSH_TIME}&sign=${SIGN}&n=`), Buffer.from([0xff, 0xfe])])
    expect(parseError(() => parsePush(bytes)).message).toMatch(/UTF-8/)
  })
})

describe("verifyPush", () => {
  const push = parsePush(finishForm)

  it("rejects a wrong signature", () => {
    const tampered = parsePush(finishForm.replace("state=1", "state=0").replace(SIGN, pushSign(clientId, PUSH_TIME, "wrong-secret")))
    expect(verifyPush(tampered, opts)).toEqual({ ok: false, reason: "bad_sign" })
    expect(verifyPush(push, { ...opts, clientSecret: "other" })).toEqual({ ok: false, reason: "bad_sign" })
  })

  it("rejects a push older than maxAgeSec and accepts one at the edge", () => {
    expect(verifyPush(push, { ...opts, nowSec: PUSH_TIME + 601 })).toEqual({ ok: false, reason: "stale" })
    expect(verifyPush(push, { ...opts, nowSec: PUSH_TIME + 600 })).toEqual({ ok: true })
    expect(verifyPush(push, { ...opts, nowSec: PUSH_TIME + 100, maxAgeSec: 60 })).toEqual({ ok: false, reason: "stale" })
  })

  it("rejects a push from the future beyond the skew allowance", () => {
    expect(verifyPush(push, { ...opts, nowSec: PUSH_TIME - 61 })).toEqual({ ok: false, reason: "future" })
    expect(verifyPush(push, { ...opts, nowSec: PUSH_TIME - 60 })).toEqual({ ok: true })
  })

  it("checks the real clock by default (an old reference push is stale today)", () => {
    expect(verifyPush(push, { clientId, clientSecret })).toEqual({ ok: false, reason: "stale" })
  })

  it("reports a malformed sign or push_time", () => {
    expect(verifyPush({ raw: { ...push.raw, sign: "nothex" } }, opts)).toEqual({ ok: false, reason: "malformed" })
    expect(verifyPush({ raw: { ...push.raw, push_time: "12x" } }, opts)).toEqual({ ok: false, reason: "malformed" })
  })
})

describe("pushAck", () => {
  it("is exactly {data:'OK'}", () => {
    expect(JSON.stringify(pushAck())).toBe('{"data":"OK"}')
  })
})
