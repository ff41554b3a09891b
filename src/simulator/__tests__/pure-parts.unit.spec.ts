import { Faults, normalizeApiPath } from "../faults"
import { BareInteger, toJsonText } from "../json-text"
import { asksForConfirmation, copiesOf } from "../paper"

describe("toJsonText", () => {
  it("writes print ids beyond 2^53 as bare integers, digit for digit", () => {
    const text = toJsonText({ id: new BareInteger("2099743426000000001"), origin_id: "a1", skip: undefined })
    expect(text).toBe('{"id":2099743426000000001,"origin_id":"a1"}')
    expect(toJsonText([new BareInteger("1"), "x", null])).toBe('[1,"x",null]')
  })
})

describe("copies and confirmation tags", () => {
  it("reads <MN>n</MN> only among the leading control tags, 1–9", () => {
    expect(copiesOf("<MN>3</MN>hello")).toBe(3)
    expect(copiesOf("<MS>1,2</MS><MN>2</MN>hello")).toBe(2)
    expect(copiesOf("hello <MN>3</MN>")).toBe(1)
    expect(copiesOf("<MN>12</MN>hello")).toBe(1)
  })

  it("treats <MC> with confirm 1–4 as waiting for a key", () => {
    expect(asksForConfirmation("<MC>1,00010,2</MC>x")).toBe(true)
    expect(asksForConfirmation("<MC>0,00000,0</MC>x")).toBe(false)
  })
})

describe("Faults", () => {
  it("normalizes paths with or without /v2", () => {
    expect(normalizeApiPath("/v2/print/index/")).toBe("print/index")
    expect(normalizeApiPath("/print/index")).toBe("print/index")
  })

  it("consumes timeouts, then 5xx, then path-filtered error codes", () => {
    const faults = new Faults()
    faults.apply({ timeoutNext: 1, http5xxNext: 1, http5xxStatus: 503, errorNext: { code: 45, count: 2, paths: ["/v2/print/index"] } })
    expect(faults.take("print/index").action).toEqual({ kind: "hang" })
    expect(faults.take("print/index").action).toEqual({ kind: "http5xx", status: 503 })
    expect(faults.take("oauth/oauth").action).toEqual({ kind: "none" })
    expect(faults.take("print/index").action).toEqual({ kind: "error", code: 45 })
    expect(faults.take("print/index").action).toEqual({ kind: "error", code: 45 })
    expect(faults.take("print/index").action).toEqual({ kind: "none" })
  })

  it("rejects nonsense with a message naming the field", () => {
    expect(() => new Faults().apply({ latencyMs: -1 })).toThrow(/latencyMs/)
    expect(() => new Faults().apply({ errorNext: { code: 0 } })).toThrow(/errorNext.code/)
  })
})
