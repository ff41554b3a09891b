// What bench/pipeline-run.ts and bench/burst-run.ts (both inside a Medusa process) prepare before
// timing: a region and a sales channel, and N carts ready to complete (two items, a payment
// session with the system provider) — Medusa's own workflows, as a storefront would.
import type { ExecArgs } from "@medusajs/framework/types"
import {
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
} from "@medusajs/medusa/core-flows"

type Container = ExecArgs["container"]

/** Runs fn over items, `concurrency` at a time, in order of start. */
export async function pool<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++
        await fn(items[i], i)
      }
    })
  )
}

/** A CNY region with the system payment provider and a sales channel. */
export async function benchRegionAndChannel(container: Container): Promise<{ regionId: string; channelId: string }> {
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "CN", currency_code: "cny", countries: ["cn"], payment_providers: ["pp_system_default"] }] },
  })
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "bench" }] } })
  return { regionId: region.id, channelId: channel.id }
}

/** `count` carts ready to complete, prepared `concurrency` at a time; their ids in order. */
export async function prepareCarts(
  container: Container,
  store: { regionId: string; channelId: string },
  count: number,
  opts: { concurrency?: number; emailPrefix?: string } = {}
): Promise<string[]> {
  const carts: string[] = new Array(count)
  await pool(carts, opts.concurrency ?? 1, async (_, i) => {
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: store.regionId,
        sales_channel_id: store.channelId,
        currency_code: "cny",
        email: `${opts.emailPrefix ?? "bench"}${i}@example.com`,
        items: [
          { title: "招牌红烧牛肉面", quantity: 1, unit_price: 38, requires_shipping: false },
          { title: "冻柠檬茶", quantity: 2, unit_price: 12, requires_shipping: false },
        ],
      } as any,
    })
    const { result: pc } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } } as any)
    await createPaymentSessionsWorkflow(container).run({
      input: { payment_collection_id: (pc as any).id, provider_id: "pp_system_default" },
    })
    carts[i] = cart.id
  })
  return carts
}
