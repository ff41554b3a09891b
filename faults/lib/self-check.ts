import { YilianyunClient } from "../../src/yilianyun"
import { sleep } from "./cluster"
import type { Ctx } from "./scenario"
import { ScenarioRun } from "./scenario"

/**
 * Proves the ledger can see what it is there to see, on the healthy cluster before the scenarios:
 * four ordinary orders, then one injected fault of each kind —
 *  - a duplicate: one receipt sent again to the cloud with idempotence=0 (a blind re-send);
 *  - a loss: an order the harness expects on the kitchen printer although it has no food;
 *  - an unwanted slip: an order with food the harness expects NOT to reach the kitchen.
 * The ledger must report exactly 1 duplicate (on the first order), 1 lost and 1 unwanted, and the
 * other 3 ordinary orders exactly once.
 */
export async function ledgerSelfCheck(ctx: Ctx): Promise<string> {
  const s = new ScenarioRun("self-check", ctx)
  for (let i = 0; i < 4; i++) await s.placeOne({ drinksOnly: false })
  const lossy = await s.placeOne({ drinksOnly: true, expect: { front: true, kitchen: true } })
  const unwanted = await s.placeOne({ drinksOnly: false, expect: { front: true, kitchen: false } })
  if (s.placed.length !== 6 || !lossy || !unwanted) throw new Error(`self-check: could not place its orders (${s.notes.join("; ")})`)

  const window = () => ({ startMs: s.startMs, endMs: Date.now() })
  const deadline = Date.now() + 90_000
  const printedSlips = async () => (await ctx.ledger.account(ctx.run, s.name, window())).finishPushes.total
  // 4 × 2 + front only + 2 → 11 slips once everything printed
  while ((await printedSlips()) < 11 && Date.now() < deadline) await sleep(1000)

  const [part] = await ctx.ledger.query(
    `SELECT p.origin_id, p.content, pr.machine_code FROM yly_print_part p
       JOIN yly_print_job j ON j.id = p.job_id JOIN yly_printer pr ON pr.id = j.printer_id
      WHERE j.order_id = $1 AND pr.machine_code = $2 ORDER BY p.part_number LIMIT 1`,
    [s.placed[0].id, ctx.printers.find((p) => p.role === "front")!.machineCode]
  )
  const [cred] = await ctx.ledger.query(`SELECT access_token FROM yly_credential WHERE client_id = $1`, [ctx.sim.clientId])
  if (!part || !cred) throw new Error("self-check: the first order's receipt or the stored token is missing")
  const client = new YilianyunClient({ clientId: ctx.sim.clientId, clientSecret: ctx.sim.clientSecret, apiUrl: ctx.sim.url })
  try {
    await client.withToken(cred.access_token).print.text({ machineCode: part.machine_code, content: part.content, originId: part.origin_id, idempotence: false })
  } finally {
    await client.close()
  }
  await sleep(2000)

  const a = await ctx.ledger.account(ctx.run, s.name, window())
  const got = { orders: a.orders, exactlyOnce: a.exactlyOnce, duplicates: a.duplicates, lost: a.lost, unwanted: a.unwanted, stray: a.stray }
  const want = { orders: 6, exactlyOnce: 3, duplicates: 1, lost: 1, unwanted: 1, stray: 0 }
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`the ledger's self-check failed: injected ${JSON.stringify(want)}, counted ${JSON.stringify(got)}`)
  }
  return `ledger self-check: 1 duplicate, 1 loss and 1 wrong-printer slip injected among 6 orders, and exactly those counted`
}
