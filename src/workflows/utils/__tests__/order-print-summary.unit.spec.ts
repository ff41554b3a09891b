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
    expect(summarizeOrderPrints([], {})).toBeNull()
  })

  it("reports printed only when every live job printed, with the print ids and the last time", () => {
    const s = summarizeOrderPrints(
      [
        job({ id: "a", status: "printed", printed_at: "2026-11-28T10:01:00Z", parts: [{ print_id: "9007199254740993123" }] }),
        job({ id: "b", status: "sent", parts: [{ print_id: "2" }] }),
      ],
      {}
    )!
    expect(s.status).toBe("sent")
    expect(s.print_ids).toEqual(["9007199254740993123", "2"])
    const done = summarizeOrderPrints([job({ id: "a", status: "printed", printed_at: "2026-11-28T10:01:00Z" })], {})!
    expect(done.status).toBe("printed")
    expect(done.printed_at).toBe("2026-11-28T10:01:00.000Z")
  })

  it("shows a failure with its reason until a reprint replaces the failed job", () => {
    const failed = job({ id: "a", status: "failed", last_error: "The printer key is wrong." })
    expect(summarizeOrderPrints([failed], {})!).toMatchObject({ status: "failed", last_error: "The printer key is wrong." })
    const reprinted = summarizeOrderPrints(
      [failed, job({ id: "b", status: "printed", reprint_of: "a", printed_at: "2026-11-28T11:00:00Z" })],
      {}
    )!
    expect(reprinted).toMatchObject({ status: "printed", last_error: null })
  })

  it("takes the decision from the jobs that asked for one: a rejection anywhere rejects the order", () => {
    const kitchen = job({ id: "k", status: "sent", asks_decision: true, decision: "accepted", decided_at: "2026-11-28T10:04:00Z" })
    const bar = job({ id: "b", status: "sent", asks_decision: true, decision: "rejected", decided_at: "2026-11-28T10:05:00Z" })
    expect(summarizeOrderPrints([kitchen, bar], {})).toMatchObject({
      status: "sent",
      decision: "rejected",
      decided_at: "2026-11-28T10:05:00.000Z",
    })
  })

  it("is accepted only once every job that asked was accepted; a job that did not ask does not count", () => {
    const kitchen = job({ id: "k", status: "printed", asks_decision: true, decision: "accepted", decided_at: "2026-11-28T10:04:00Z" })
    const bar = job({ id: "b", status: "printed", asks_decision: true })
    const slip = job({ id: "s", status: "printed", decision: "rejected", decided_at: "2026-11-28T10:06:00Z" })
    expect(summarizeOrderPrints([kitchen, bar, slip], {})!.decision).toBeUndefined()
    const both = summarizeOrderPrints([kitchen, { ...bar, decision: "accepted", decided_at: "2026-11-28T10:07:00Z" }, slip], {})!
    expect(both).toMatchObject({ decision: "accepted", decided_at: "2026-11-28T10:07:00.000Z" })
  })

  it("maps the ledger's statuses onto the five public ones", () => {
    expect(summarizeOrderPrints([job({ status: "waiting" })], {})!.status).toBe("queued")
    expect(summarizeOrderPrints([job({ status: "sending" })], {})!.status).toBe("queued")
    expect(summarizeOrderPrints([job({ status: "unknown" })], {})!.status).toBe("sent")
  })

  it("carries the order's pickup number, and a job replaced by a reprint no longer counts", () => {
    const replaced = job({ id: "a", status: "canceled", replaced_by: "b" })
    const s = summarizeOrderPrints([replaced, job({ id: "b", status: "sent", reprint_of: "a" })], { pickup_number: 7 })!
    expect(s).toMatchObject({ status: "sent", pickup_number: 7, jobs: 2 })
  })

  it("reports canceled when every job was canceled", () => {
    expect(summarizeOrderPrints([job({ status: "canceled" })], {})!.status).toBe("canceled")
  })
})
