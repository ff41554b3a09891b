import { JobForSummary, summarizeOrderPrints } from "../order-print-summary"

const job = (over: Partial<JobForSummary>): JobForSummary => ({
  id: "j1",
  status: "pending",
  reprint_of: null,
  last_error: null,
  printed_at: null,
  created_at: "2026-11-28T10:00:00Z",
  parts: [],
  ...over,
})

describe("summarizeOrderPrints", () => {
  it("is null for an order with no jobs and no decision, so metadata stays untouched", () => {
    expect(summarizeOrderPrints([], null)).toBeNull()
  })

  it("reports printed only when every live job printed, with the print ids and the last time", () => {
    const s = summarizeOrderPrints(
      [
        job({ id: "a", status: "printed", printed_at: "2026-11-28T10:01:00Z", parts: [{ print_id: "9007199254740993123" }] }),
        job({ id: "b", status: "sent", parts: [{ print_id: "2" }] }),
      ],
      null
    )!
    expect(s.status).toBe("sent")
    expect(s.print_ids).toEqual(["9007199254740993123", "2"])
    const done = summarizeOrderPrints([job({ id: "a", status: "printed", printed_at: "2026-11-28T10:01:00Z" })], null)!
    expect(done.status).toBe("printed")
    expect(done.printed_at).toBe("2026-11-28T10:01:00.000Z")
  })

  it("shows a failure with its reason until a reprint replaces the failed job", () => {
    const failed = job({ id: "a", status: "failed", last_error: "The printer key is wrong." })
    expect(summarizeOrderPrints([failed], null)!).toMatchObject({ status: "failed", last_error: "The printer key is wrong." })
    const reprinted = summarizeOrderPrints(
      [failed, job({ id: "b", status: "printed", reprint_of: "a", printed_at: "2026-11-28T11:00:00Z" })],
      null
    )!
    expect(reprinted).toMatchObject({ status: "printed", last_error: null })
  })

  it("keeps the accept/reject decision that a push recorded", () => {
    const s = summarizeOrderPrints([job({ status: "sent" })], {
      decision: "rejected",
      decided_at: "2026-11-28T10:05:00.000Z",
    })!
    expect(s).toMatchObject({ status: "sent", decision: "rejected", decided_at: "2026-11-28T10:05:00.000Z" })
  })

  it("reports canceled when every job was canceled", () => {
    expect(summarizeOrderPrints([job({ status: "canceled" })], null)!.status).toBe("canceled")
  })
})
