import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { YILIANYUN_MODULE } from ".."
import { deriveJobStatus, NewJob } from "../ledger"
import * as Models from "../models"
import type YilianyunModuleService from "../service"

jest.setTimeout(60_000)

/**
 * Every move of the print ledger against real PostgreSQL: the allowed ones happen, the refused
 * ones change nothing — a canceled, replaced or printed print never goes back to being sent.
 */
moduleIntegrationTestRunner<YilianyunModuleService>({
  moduleName: YILIANYUN_MODULE,
  resolve: "./src/modules/yilianyun",
  moduleModels: Object.values(Models),
  moduleOptions: {},
  testSuite: ({ service }) => {
    let printerId: string
    let n = 0

    beforeEach(async () => {
      n += 1
      const printer = await service.createPrinters({
        machine_code: String(4004100000 + n),
        name: "前台",
        templates: { "order.placed": ["receipt"] },
        bound_at: new Date(),
      } as any)
      printerId = printer.id
    })

    const newJob = (over: Partial<NewJob> = {}): NewJob => ({
      order_id: `order_${n}`,
      printer_id: printerId,
      trigger: "order.placed",
      template: "receipt",
      source: "",
      requested_by: "event",
      parts: ["part one", "part two"],
      ...over,
    })
    const create = async (over: Partial<NewJob> = {}) => {
      const { job_ids } = await service.ledger.createJobs(over.order_id ?? `order_${n}`, null, () => [newJob(over)])
      return job_ids[0]
    }
    const job = (id: string) => service.retrievePrintJob(id, { relations: ["parts"] }) as Promise<any>
    const parts = async (id: string) => [...(await job(id)).parts].sort((a: any, b: any) => a.part_number - b.part_number)
    const ledger = () => service.ledger
    const LEASE = 30_000

    describe("createJobs", () => {
      it("creates a job with its parts pending, once per (order, printer, trigger, template, source)", async () => {
        const id = await create()
        expect((await job(id)).status).toBe("pending")
        expect((await parts(id)).map((p) => [p.part_number, p.part_count, p.status])).toEqual([
          [1, 2, "pending"],
          [2, 2, "pending"],
        ])
        expect(await create()).toBeUndefined()
        expect(await service.listPrintJobs({ order_id: `order_${n}` })).toHaveLength(1)
      })

      it("creates jobs and parts in one statement when no pickup number is read: the same once-only rule, parts only with a new job", async () => {
        const orderId = `order_${n}`
        const two = () => [
          newJob(),
          newJob({ template: "kitchen", parts: ["kitchen only"] }),
          newJob({ template: "broken", parts: [], error: "cannot render" }),
        ]
        const first = await ledger().createJobs(orderId, null, two, { readPickupNumber: false })
        expect(first.job_ids).toHaveLength(3)
        expect(first.pickup_number).toBeNull()
        const jobs = await Promise.all(first.job_ids.map(job))
        expect(jobs.map((j) => [j.template, j.status])).toEqual([
          ["receipt", "pending"],
          ["kitchen", "pending"],
          ["broken", "failed"],
        ])
        expect((await parts(first.job_ids[0])).map((p: any) => [p.part_number, p.part_count, p.content, p.origin_id.length <= 32])).toEqual([
          [1, 2, "part one", true],
          [2, 2, "part two", true],
        ])
        expect(await parts(first.job_ids[2])).toHaveLength(0)
        // re-delivered: nothing new, and no stray parts
        const again = await ledger().createJobs(orderId, null, two, { readPickupNumber: false })
        expect(again.job_ids).toEqual([])
        expect(await service.listPrintJobs({ order_id: orderId })).toHaveLength(3)
        expect(await service.listPrintParts({ job_id: first.job_ids })).toHaveLength(3)
      })

      it("gives the order one pickup number, with its first job only, even when two triggers race", async () => {
        const day = "2026-11-30"
        const make = (trigger: string) =>
          ledger().createJobs("order_pickup", { day }, (pickup) => [newJob({ order_id: "order_pickup", trigger, parts: [`#${pickup}`] })])
        const [a, b] = await Promise.all([make("order.placed"), make("payment.captured")])
        expect(a.pickup_number).toBe(b.pickup_number)
        expect(a.pickup_number).toBeGreaterThan(0)
        // a re-delivery creates nothing and allocates nothing
        const again = await make("order.placed")
        expect(again.job_ids).toEqual([])
        const other = await ledger().createJobs("order_other", { day }, (p) => [newJob({ order_id: "order_other", parts: [`#${p}`] })])
        expect(other.pickup_number).toBe(a.pickup_number! + 1)
        // an order whose every job exists already allocates no number
        const none = await ledger().createJobs("order_pickup", { day }, () => [])
        expect(none.pickup_number).toBe(a.pickup_number)
      })

      it("creates a job whose template could not be rendered as failed, with the reason and no parts", async () => {
        const id = await create({ error: "Template \"nope\" could not be rendered", parts: [] })
        expect(await job(id)).toMatchObject({ status: "failed", last_error_code: "render" })
        expect(await ledger().claim(id, "c1", LEASE)).toBeNull()
      })
    })

    describe("claims", () => {
      it("creates a job claimed by its sender with the first part's attempt started; nobody else claims it; a dead sender's part counts as unknown", async () => {
        const claim = { claimId: "creator", leaseMs: LEASE }
        const { job_ids, claimed } = await ledger().createJobs(`order_${n}`, null, () => [newJob({ claim })], { readPickupNumber: false })
        const id = job_ids[0]
        const mine = claimed.get(id)!
        // what claim + startAttempt would give, as the claimer sees it and as stored
        expect(mine).toMatchObject({ id, status: "sending", claim_id: "creator", attempts: 1, printer: { id: printerId, enabled: true, removed: false } })
        expect(mine.parts.map((p) => [p.part_number, p.status, p.attempts])).toEqual([
          [1, "sending", 1],
          [2, "pending", 0],
        ])
        expect(mine.parts[0].last_attempt_at).toBeInstanceOf(Date)
        expect(mine.lease_until!.getTime()).toBeGreaterThan(Date.now() + LEASE - 5_000)
        expect(await job(id)).toMatchObject({ status: "sending", claim_id: "creator" })
        expect(await ledger().claim(id, "other", LEASE)).toBeNull()
        // the sender goes on as a claimer: its part is sent, the next attempt started, the job released
        expect(await ledger().markSent(mine.parts[0].id, "2099743500")).toBe("sent")
        expect((await ledger().startAttempt(id, mine.parts[1].id, "creator", LEASE)).ok).toBe(true)
        await ledger().markSent(mine.parts[1].id, "2099743501")
        expect(await ledger().release(id, "creator")).toBe("sent")

        // a second one whose sender died before its request: its started part is unknown to the next claimer
        const dead = await ledger().createJobs(`order_${n}_b`, null, () => [newJob({ order_id: `order_${n}_b`, claim: { claimId: "dead", leaseMs: 1 } })], {
          readPickupNumber: false,
        })
        await new Promise((r) => setTimeout(r, 20))
        const taken = await ledger().claim(dead.job_ids[0], "alive", LEASE)
        expect(taken?.parts.map((p) => p.status)).toEqual(["unknown", "pending"])
        expect(taken?.parts[0].first_attempt_at).not.toBeNull()
        // a job created failed is never claimed, whatever the caller asked
        const failed = await ledger().createJobs(`order_${n}_c`, null, () => [
          newJob({ order_id: `order_${n}_c`, claim, parts: [], error: "cannot render" }),
        ])
        expect(failed.claimed.size).toBe(0)
        expect(await job(failed.job_ids[0])).toMatchObject({ status: "failed", claim_id: null })
        // the transactional path (a pickup number) creates it claimed too
        const withPickup = await ledger().createJobs(`order_${n}_d`, { day: "2026-12-01" }, () => [newJob({ order_id: `order_${n}_d`, claim })])
        expect(withPickup.claimed.get(withPickup.job_ids[0])).toMatchObject({ status: "sending", claim_id: "creator" })
      })

      it("lets one holder claim a job; a second claim is refused until the lease expires", async () => {
        const id = await create()
        expect(await ledger().claim(id, "a", LEASE)).toMatchObject({ id, status: "sending", claim_id: "a" })
        expect(await ledger().claim(id, "b", LEASE)).toBeNull()
        expect(await ledger().renew(id, "b", LEASE)).toEqual({ lost: true, cancelRequested: false })
        expect(await ledger().renew(id, "a", LEASE)).toEqual({ lost: false, cancelRequested: false })
      })

      it("takes over an expired lease: the dead holder's attempt counts as unknown", async () => {
        const id = await create()
        const [p1] = await parts(id)
        await ledger().claim(id, "dead", 1)
        expect((await ledger().startAttempt(id, p1.id, "dead", 1)).ok).toBe(true)
        await new Promise((r) => setTimeout(r, 20))
        const taken = await ledger().claim(id, "alive", LEASE)
        expect(taken?.parts[0]).toMatchObject({ status: "unknown" })
        expect(taken?.parts[0].first_attempt_at).not.toBeNull()
        // the dead holder can do nothing any more
        expect(await ledger().startAttempt(id, p1.id, "dead", LEASE)).toMatchObject({ ok: false, lost: true })
        expect(await ledger().release(id, "dead")).toBeNull()
      })

      it("derives the job's status from its parts when released", async () => {
        const id = await create()
        const [p1, p2] = await parts(id)
        await ledger().claim(id, "c", LEASE)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        await ledger().markSent(p1.id, "2099743426")
        await ledger().startAttempt(id, p2.id, "c", LEASE)
        expect(await ledger().markNotReached(p2.id, "no token")).toBe("waiting")
        expect(await ledger().release(id, "c", { at: new Date(Date.now() + 60_000), failure: { reason: "no token", code: "token_budget" } })).toBe(
          "waiting"
        )
        expect(await job(id)).toMatchObject({ status: "waiting", claim_id: null, last_error: "no token", last_error_code: "token_budget" })
        await ledger().claim(id, "c2", LEASE)
        await ledger().startAttempt(id, p2.id, "c2", LEASE)
        await ledger().markSent(p2.id, "2099743427")
        expect(await ledger().release(id, "c2")).toBe("sent")
        expect(await job(id)).toMatchObject({ status: "sent", last_error: null, next_attempt_at: null })
        expect((await job(id)).sent_at).not.toBeNull()
      })
    })

    describe("attempts", () => {
      it("a timed-out attempt is unknown, and a later attempt that cannot reach the cloud keeps it unknown", async () => {
        const id = await create()
        const [p1] = await parts(id)
        await ledger().claim(id, "c", LEASE)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        expect(await ledger().markUnknown(p1.id, "timeout")).toBe(true)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        expect(await ledger().markNotReached(p1.id, "connection refused")).toBe("unknown")
        expect(await ledger().release(id, "c")).toBe("unknown")
        expect((await parts(id))[0]).toMatchObject({ status: "unknown", attempts: 2 })
      })

      it("a permanent refusal fails the part and cancels the parts after it", async () => {
        const id = await create()
        const [p1] = await parts(id)
        await ledger().claim(id, "c", LEASE)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        expect(await ledger().markFailed(id, p1.id, "The printer key is wrong.")).toBe(true)
        expect(await ledger().release(id, "c")).toBe("failed")
        expect((await parts(id)).map((p) => p.status)).toEqual(["failed", "canceled"])
        expect(await job(id)).toMatchObject({ status: "failed", last_error: "The printer key is wrong." })
        // a failed job is nobody's to send
        expect(await ledger().claim(id, "again", LEASE)).toBeNull()
      })

      it("refuses to start an attempt on a part that is not waiting to be sent", async () => {
        const id = await create()
        const [p1] = await parts(id)
        await ledger().claim(id, "c", LEASE)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        await ledger().markSent(p1.id, "1")
        expect(await ledger().startAttempt(id, p1.id, "c", LEASE)).toMatchObject({ ok: false, cancel: false, lost: false })
        expect(await ledger().markUnknown(p1.id, "late timeout")).toBe(false)
        expect(await ledger().markNotReached(p1.id, "late")).toBeNull()
        expect((await parts(id))[0].status).toBe("sent")
      })
    })

    describe("cancel and replace", () => {
      it("cancels a job nobody holds at once when nothing of it left", async () => {
        const id = await create()
        expect(await ledger().requestCancel([id], "The order was canceled.")).toEqual([
          { job_id: id, status: "canceled", claimed: false, to_withdraw: 0 },
        ])
        expect(await job(id)).toMatchObject({ status: "canceled", last_error: "The order was canceled." })
        // and it never comes back
        expect(await ledger().claim(id, "c", LEASE)).toBeNull()
        const [p1] = await parts(id)
        expect(await ledger().markSent(p1.id, "1")).toBeNull()
        expect(await ledger().settlePrinted(p1.id, new Date())).toBeNull()
        expect((await job(id)).status).toBe("canceled")
      })

      it("a cancel that meets a sender is honoured by it: the next attempt is refused, the sent part is withdrawn", async () => {
        const id = await create()
        const [p1, p2] = await parts(id)
        await ledger().claim(id, "c", LEASE)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        const [requested] = await ledger().requestCancel([id], "The order was canceled.")
        expect(requested).toMatchObject({ status: "sending", claimed: true, to_withdraw: 1 })
        expect((await parts(id)).map((p) => p.status)).toEqual(["sending", "canceled"])
        await ledger().markSent(p1.id, "2099743426")
        expect(await ledger().renew(id, "c", LEASE)).toEqual({ lost: false, cancelRequested: true })
        expect(await ledger().startAttempt(id, p2.id, "c", LEASE)).toMatchObject({ ok: false, cancel: true })
        expect(await ledger().markWithdrawn(p1.id, "The order was canceled.")).toBe(true)
        expect(await ledger().release(id, "c")).toBe("canceled")
      })

      it("a sent job with a cancel request can be claimed to withdraw it; a printed one is left alone", async () => {
        const sentId = await create()
        const [s1, s2] = await parts(sentId)
        await ledger().claim(sentId, "c", LEASE)
        for (const p of [s1, s2]) {
          await ledger().startAttempt(sentId, p.id, "c", LEASE)
          await ledger().markSent(p.id, `id-${p.part_number}`)
        }
        await ledger().release(sentId, "c")
        expect(await ledger().claim(sentId, "x", LEASE)).toBeNull()
        await ledger().requestCancel([sentId], "Replaced by reprint R.", "ylyjob_R")
        expect(await ledger().claim(sentId, "w", LEASE)).toMatchObject({ cancel_reason: "Replaced by reprint R.", replaced_by: "ylyjob_R" })
        await ledger().release(sentId, "w")

        const printedId = await create({ template: "kitchen" })
        const [q1, q2] = await parts(printedId)
        await ledger().claim(printedId, "c", LEASE)
        for (const p of [q1, q2]) {
          await ledger().startAttempt(printedId, p.id, "c", LEASE)
          await ledger().markSent(p.id, `k-${p.part_number}`)
        }
        await ledger().release(printedId, "c")
        await ledger().settlePrinted(q1.id, new Date())
        await ledger().settlePrinted(q2.id, new Date())
        expect((await job(printedId)).status).toBe("printed")
        expect(await ledger().requestCancel([printedId], "late cancel")).toEqual([
          { job_id: printedId, status: "printed", claimed: false, to_withdraw: 0 },
        ])
        expect((await job(printedId)).status).toBe("printed")
        expect(await ledger().markWithdrawn(q1.id, "late")).toBe(false)
      })

      it("reserves a job for one reprint only, and frees it again", async () => {
        const id = await create()
        expect(await ledger().reserveReplacement(id, "ylyjob_A")).toBe("ylyjob_A")
        expect(await ledger().reserveReplacement(id, "ylyjob_B")).toBe("ylyjob_A")
        await ledger().releaseReplacement(id, "ylyjob_B")
        expect((await job(id)).replaced_by).toBe("ylyjob_A")
        await ledger().releaseReplacement(id, "ylyjob_A")
        expect((await job(id)).replaced_by).toBeNull()
      })

      it("discards only reprints nobody tried to send", async () => {
        const fresh = await create({ reprint_of: "x" })
        const tried = await create({ reprint_of: "y" })
        await ledger().claim(tried, "c", LEASE)
        await ledger().startAttempt(tried, (await parts(tried))[0].id, "c", LEASE)
        expect(await ledger().discardUnsent([fresh, tried])).toBe(1)
        expect(await service.listPrintJobs({ id: [fresh, tried] })).toHaveLength(1)
      })
    })

    describe("facts from the cloud", () => {
      it("settles printed from sent or unknown, and even a given-up part that reached the cloud; never one that never left", async () => {
        const id = await create()
        const [p1, p2] = await parts(id)
        expect(await ledger().settlePrinted(p1.id, new Date())).toBeNull() // pending: cannot have printed
        await ledger().claim(id, "c", LEASE)
        await ledger().startAttempt(id, p1.id, "c", LEASE)
        await ledger().markUnknown(p1.id, "timeout")
        await ledger().startAttempt(id, p2.id, "c", LEASE)
        await ledger().markSent(p2.id, "2")
        // settled while claimed: the job stays the holder's until it releases
        expect(await ledger().settlePrinted(p1.id, new Date("2026-11-30T10:00:00Z"))).toMatchObject({ job_id: id })
        expect((await job(id)).status).toBe("sending")
        expect(await ledger().release(id, "c")).toBe("sent")
        await ledger().settlePrinted(p2.id, new Date("2026-11-30T10:01:00Z"))
        expect(await job(id)).toMatchObject({ status: "printed" })
        expect(new Date((await job(id)).printed_at).toISOString()).toBe("2026-11-30T10:01:00.000Z")
        expect(await ledger().settlePrinted(p2.id, new Date())).toBeNull() // twice: nothing
      })

      it("takes the first decision of a job that asked for one and ignores the rest", async () => {
        const asking = await create({ asks_decision: true })
        const slip = await create({ template: "packing" })
        expect(await ledger().recordDecision(asking, "accepted", new Date())).toBe(true)
        expect(await ledger().recordDecision(asking, "rejected", new Date())).toBe(false)
        expect(await ledger().recordDecision(slip, "rejected", new Date())).toBe(false)
        expect(await job(asking)).toMatchObject({ decision: "accepted" })
        expect((await job(slip)).decision).toBeNull()
      })
    })

    describe("orderPrintState (what the order's metadata is rebuilt from)", () => {
      it("reads every job of the order with its parts' print ids in part order, a job without parts, and the pickup number — as the ORM reads them", async () => {
        const order = `order_${n}_state`
        const kitchen = await service.createPrinters({
          machine_code: String(4004200000 + n),
          name: "厨房",
          templates: { "order.placed": ["kitchen"] },
          bound_at: new Date(),
        } as any)
        const { job_ids, claimed, pickup_number } = await service.ledger.createJobs(order, { day: "2026-12-02", known: null }, () => [
          newJob({ order_id: order, parts: ["one", "two", "three"], claim: { claimId: "sender", leaseMs: LEASE } }),
          newJob({ order_id: order, printer_id: kitchen.id, template: "kitchen", parts: [], error: "Template could not be rendered" }),
        ])
        expect(job_ids).toHaveLength(2)
        const [sliced] = job_ids.filter((id) => claimed.has(id))
        await ledger().markSent(claimed.get(sliced)!.parts[0].id, "2099743600")
        await ledger().recordDecision(sliced, "accepted", new Date())

        const state = await service.orderPrintState(order)
        expect(state.pickup_number).toBe(pickup_number)
        expect(pickup_number).toBeGreaterThan(0)
        expect(state.jobs.map((j) => j.id).sort()).toEqual([...job_ids].sort())
        const read = new Map(state.jobs.map((j) => [j.id, j]))
        expect(read.get(sliced)!.parts).toEqual([{ print_id: "2099743600" }, { print_id: null }, { print_id: null }])
        const failed = read.get(job_ids.find((id) => id !== sliced)!)!
        expect(failed).toMatchObject({ status: "failed", last_error: "Template could not be rendered", parts: [] })
        // the fields the summary reads, as the ORM gives them
        const fields = ["status", "reprint_of", "replaced_by", "last_error", "printed_at", "created_at", "asks_decision", "decision", "decided_at", "decision_note"] as const
        for (const viaOrm of await service.listPrintJobs({ order_id: order })) {
          const mine = read.get(viaOrm.id)!
          for (const f of fields) expect([f, mine[f]]).toEqual([f, (viaOrm as any)[f]])
        }
        expect((await service.orderPrintState("order_without_jobs")).jobs).toEqual([])
      })
    })

    it("derives a job's status: failed > unknown > waiting/pending > sent > printed > canceled", () => {
      const s = (...statuses: string[]) => deriveJobStatus(statuses.map((status) => ({ status: status as any })))
      expect(s("failed", "sent")).toBe("failed")
      expect(s("unknown", "sent")).toBe("unknown")
      expect(s("sent", "pending")).toBe("pending")
      expect(deriveJobStatus([{ status: "sent" }, { status: "pending", attempts: 1 }])).toBe("waiting")
      expect(s("sent", "printed")).toBe("sent")
      expect(s("printed", "canceled")).toBe("printed")
      expect(s("canceled", "canceled")).toBe("canceled")
      expect(deriveJobStatus([{ status: "pending" }], true)).toBe("sending")
    })
  },
})
