import { MedusaContainer } from "@medusajs/framework/types"
import { seedDemoStore } from "../../scripts/seed"

export type TestStore = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  locationId: string
  shippingOptionId: string
  productTypes: { food: string; drink: string }
  categories: { hot: string; cold: string }
  variants: { noodles: string; dumplings: string; tea: string; milkTea: string }
}

/**
 * The demo store of `npm run seed` (without its admin user): a CNY region with the system payment
 * provider, a sales channel with a publishable key, a Shanghai stock location with a flat shipping
 * option, and CJK-named products in two product types (food, drink) and two categories.
 */
export async function seedTestStore(container: MedusaContainer): Promise<TestStore> {
  const r = await seedDemoStore(container)
  return {
    regionId: r.region_id,
    salesChannelId: r.sales_channel_id,
    publishableKey: r.publishable_key,
    locationId: r.stock_location_id,
    shippingOptionId: r.shipping_option_id,
    productTypes: { food: r.product_types.food, drink: r.product_types.drink },
    categories: { hot: r.categories["热菜"], cold: r.categories["冷饮"] },
    variants: {
      noodles: r.variants["NOODLE-L"],
      dumplings: r.variants["XLB-8"],
      tea: r.variants["TEA-ICE"],
      milkTea: r.variants["MILKTEA-L"],
    },
  }
}

/**
 * Places an order the way a shopper does, through the Store API: cart → shipping method →
 * payment collection → system payment session → complete. Returns the order.
 */
export async function placeOrderViaStoreApi(
  api: any,
  store: TestStore,
  items: { variant_id: string; quantity: number }[],
  extra: { email?: string; metadata?: Record<string, unknown> } = {}
): Promise<any> {
  const headers = { headers: { "x-publishable-api-key": store.publishableKey } }
  const {
    data: { cart },
  } = await api.post(
    "/store/carts",
    {
      region_id: store.regionId,
      sales_channel_id: store.salesChannelId,
      email: extra.email ?? "buyer@example.com",
      items,
      metadata: extra.metadata,
      shipping_address: {
        first_name: "小明",
        last_name: "王",
        phone: "13800000000",
        address_1: "静安区南京西路 1266 号, 恒隆广场 <FS2>3楼</FS2>",
        city: "上海",
        province: "上海",
        postal_code: "200040",
        country_code: "cn",
      },
    },
    headers
  )
  await api.post(`/store/carts/${cart.id}/shipping-methods`, { option_id: store.shippingOptionId }, headers)
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cart.id }, headers)
  await api.post(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, headers)
  const { data } = await api.post(`/store/carts/${cart.id}/complete`, {}, headers)
  if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data).slice(0, 500)}`)
  return data.order
}
