import type { SeedResult } from "./infra"

/** Which printers an order must come out on, decided by the harness (not read back from the plugin). */
export type Expect = { front: boolean; kitchen: boolean }

export type PlacedOrder = {
  id: string
  display_id: number
  scenario: string
  seq: number
  server: string
  expect: Expect
  placedAt: number
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

async function call(base: string, method: string, p: string, body: unknown, headers: Record<string, string>): Promise<any> {
  const t = Date.now()
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  }).catch((e: Error) => {
    throw new HttpError(0, `${method} ${p}: ${e.message} after ${((Date.now() - t) / 1000).toFixed(0)} s`)
  })
  const text = await res.text()
  if (!res.ok) throw new HttpError(res.status, `${method} ${p} → ${res.status} ${text.slice(0, 300)}`)
  return text ? JSON.parse(text) : {}
}

/**
 * A shopper on the Store API, as the storefront does it: cart → shipping method → payment
 * collection → system payment session → complete. Every fourth order has drinks only (the
 * kitchen printer, routed to food, must stay silent for it); the others have food and drinks.
 * The cart's metadata names the run, scenario and sequence, so the orders can be found again in
 * the database whatever the harness saw of the HTTP answers.
 */
export async function placeOrder(
  server: { name: string; url: string },
  seed: SeedResult,
  tag: { run: string; scenario: string; seq: number },
  /** the ledger's self-check places orders whose expectation is deliberately wrong */
  override: { drinksOnly?: boolean; expect?: Expect } = {}
): Promise<PlacedOrder> {
  const headers = { "x-publishable-api-key": seed.publishable_key }
  const drinksOnly = override.drinksOnly ?? tag.seq % 4 === 3
  const v = seed.variants
  const items = drinksOnly
    ? [{ variant_id: v["TEA-ICE"], quantity: 1 + (tag.seq % 2) }, { variant_id: v["MILKTEA-L"], quantity: 1 }]
    : [
        { variant_id: v["NOODLE-L"], quantity: 1 },
        { variant_id: v["XLB-8"], quantity: 1 + (tag.seq % 3) },
        { variant_id: v["TEA-ICE"], quantity: 1 },
      ]
  const expect: Expect = override.expect ?? { front: true, kitchen: !drinksOnly }
  const { cart } = await call(server.url, "POST", "/store/carts", {
    region_id: seed.region_id,
    sales_channel_id: seed.sales_channel_id,
    email: `${tag.scenario}-${tag.seq}@faults.test`,
    items,
    metadata: { faults_run: tag.run, faults_scenario: tag.scenario, faults_seq: tag.seq, faults_expect: expect },
    shipping_address: {
      first_name: "小明",
      last_name: "王",
      phone: "13800000000",
      address_1: "静安区南京西路 1266 号",
      city: "上海",
      province: "上海",
      postal_code: "200040",
      country_code: "cn",
    },
  }, headers)
  await call(server.url, "POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: seed.shipping_option_id }, headers)
  const { payment_collection } = await call(server.url, "POST", "/store/payment-collections", { cart_id: cart.id }, headers)
  await call(server.url, "POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers)
  const done = await call(server.url, "POST", `/store/carts/${cart.id}/complete`, {}, headers)
  if (done.type !== "order") throw new Error(`cart ${cart.id} did not complete: ${JSON.stringify(done).slice(0, 300)}`)
  return {
    id: done.order.id,
    display_id: done.order.display_id,
    scenario: tag.scenario,
    seq: tag.seq,
    server: server.name,
    expect,
    placedAt: Date.now(),
  }
}

/** The admin API with the seeded admin's token. */
export class Admin {
  private constructor(private readonly base: string, private readonly token: string) {}

  static async login(base: string, email: string, password = process.env.YLY_SEED_ADMIN_PASSWORD || "supersecret") {
    const { token } = await call(base, "POST", "/auth/user/emailpass", { email, password }, {})
    return new Admin(base, token)
  }

  on(base: string): Admin {
    return new Admin(base, this.token)
  }

  request(method: "GET" | "POST" | "DELETE", p: string, body?: unknown): Promise<any> {
    return call(this.base, method, p, body, { authorization: `Bearer ${this.token}` })
  }
}
