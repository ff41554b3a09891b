import { printerHealth, type HealthInput } from "../printer-health"

const NOW = Date.parse("2026-11-30T12:00:00Z")
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString()
const input = (over: Partial<HealthInput>): HealthInput => ({
  status: "unknown",
  status_at: null,
  jobs: [],
  now: NOW,
  waitingLateAfterMs: 2 * 60_000,
  unconfirmedAfterMs: 10 * 60_000,
  staleAfterMs: 10 * 60_000,
  ...over,
})

describe("printerHealth", () => {
  it("is online once it has printed, instead of staying unknown", () => {
    expect(printerHealth(input({ last_printed_at: ago(1) }))).toMatchObject({ status: "online", status_at: ago(1), last_seen_at: ago(1) })
  })

  it("counts any push the device sent (a test page's finish, a key press) as a sign of life", () => {
    expect(printerHealth(input({ status: "offline", status_at: ago(5), last_push_at: ago(2) }))).toMatchObject({ status: "online", last_seen_at: ago(2) })
  })

  it("keeps a status reported after the latest sign of life", () => {
    expect(printerHealth(input({ status: "paper_out", status_at: ago(1), last_printed_at: ago(3) }))).toMatchObject({
      status: "paper_out",
      last_seen_at: ago(3),
    })
  })

  it("does not call jobs at the cloud waiting, nor a fresh one late", () => {
    const h = printerHealth(input({ jobs: [{ status: "sent", created_at: ago(3), sent_at: ago(3) }] }))
    expect(h).toMatchObject({ waiting: 0, unconfirmed: 0, late: 0, stale: false })
  })

  it("counts what the store still has to send as waiting, in today's and the rewritten ledger's words", () => {
    const jobs = ["pending", "sending", "waiting", "unknown", "sent", "printed", "failed", "canceled"].map((status) => ({
      status,
      created_at: ago(1),
      sent_at: null,
    }))
    expect(printerHealth(input({ jobs }))).toMatchObject({ waiting: 4, oldest_waiting_at: ago(1), late: 0, stale: false })
  })

  it("warns only about late work on a printer silent for 10 minutes", () => {
    const late = [{ status: "pending", created_at: ago(5) }]
    expect(printerHealth(input({ jobs: late, last_printed_at: ago(30) }))).toMatchObject({ late: 1, stale: true })
    expect(printerHealth(input({ jobs: late, last_printed_at: ago(3) }))).toMatchObject({ late: 1, stale: false })
    const unconfirmed = [{ status: "sent", created_at: ago(40), sent_at: ago(30) }]
    expect(printerHealth(input({ jobs: unconfirmed }))).toMatchObject({ unconfirmed: 1, late: 1, stale: true })
    // silent for hours, nothing late: no warning
    expect(printerHealth(input({ last_printed_at: ago(300) }))).toMatchObject({ late: 0, stale: false })
  })
})
