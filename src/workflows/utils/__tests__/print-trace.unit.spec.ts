import diagnostics from "node:diagnostics_channel"
import { PRINT_TRACE_CHANNEL, printTrace, type PrintTraceMessage } from "../print-trace"

/** The print path calls printTrace on every order: with nobody listening it must cost nothing. */
describe("printTrace", () => {
  const channel = diagnostics.channel(PRINT_TRACE_CHANNEL)
  afterEach(() => jest.restoreAllMocks())

  it("returns null and publishes nothing when nobody subscribes", () => {
    const publish = jest.spyOn(channel, "publish")
    expect(channel.hasSubscribers).toBe(false)
    expect(printTrace({ order_id: "order_1", trigger: "order.placed" })).toBeNull()
    expect(printTrace({ order_id: "order_1", trigger: "order.placed" }, "request")).toBeNull()
    expect(publish).not.toHaveBeenCalled()
  })

  it("publishes the first stage at once and each marked one after it while someone does", () => {
    const seen: PrintTraceMessage[] = []
    const listen = (message: unknown) => seen.push(message as PrintTraceMessage)
    diagnostics.subscribe(PRINT_TRACE_CHANNEL, listen)
    try {
      const mark = printTrace({ order_id: "order_1", trigger: "order.placed" })
      expect(mark).toEqual(expect.any(Function))
      mark?.("loaded")
    } finally {
      diagnostics.unsubscribe(PRINT_TRACE_CHANNEL, listen)
    }
    expect(seen.map(({ order_id, trigger, stage }) => ({ order_id, trigger, stage }))).toEqual([
      { order_id: "order_1", trigger: "order.placed", stage: "start" },
      { order_id: "order_1", trigger: "order.placed", stage: "loaded" },
    ])
    // unsubscribed: the print path is back to doing nothing
    expect(printTrace({ order_id: "order_1" })).toBeNull()
  })
})
