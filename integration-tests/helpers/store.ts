import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createProductTypesWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

export type TestStore = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  locationId: string
  shippingOptionId: string
  productTypes: { food: string; drink: string }
  categories: { hot: string; cold: string }
  variants: { noodles: string; dumplings: string; tea: string }
}

/**
 * A small store for flows driven through the Store API: a CNY region with the system payment
 * provider, a sales channel with a publishable key, one stock location (Shanghai) with a flat
 * shipping option, and CJK-named products in two product types (food, drink) and categories.
 */
export async function seedTestStore(container: MedusaContainer): Promise<TestStore> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "中国", currency_code: "cny", countries: ["cn"], payment_providers: ["pp_system_default"] }] },
  })
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web shop" }] },
  })
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Web shop", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "上海静安店", address: { city: "上海", country_code: "CN", address_1: "南京西路 1 号" } }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fset = await fulfillment.createFulfillmentSets({
    name: "上海配送",
    type: "shipping",
    service_zones: [{ name: "China", geo_zones: [{ country_code: "cn", type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fset.id },
  })
  const {
    result: [option],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "同城配送",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fset.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "同城配送", code: "standard" },
        prices: [
          { currency_code: "cny", amount: 8 },
          { region_id: region.id, amount: 8 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const { result: types } = await createProductTypesWorkflow(container).run({
    input: { product_types: [{ value: "food" }, { value: "drink" }] },
  })
  const food = types.find((t: any) => t.value === "food")!.id
  const drink = types.find((t: any) => t.value === "drink")!.id
  const { result: cats } = await createProductCategoriesWorkflow(container).run({
    input: { product_categories: [{ name: "热菜", is_active: true }, { name: "冷饮", is_active: true }] },
  })
  const hot = cats.find((c: any) => c.name === "热菜")!.id
  const cold = cats.find((c: any) => c.name === "冷饮")!.id

  const product = (title: string, sku: string, price: number, typeId: string, categoryId: string) => ({
    title,
    status: "published" as const,
    type_id: typeId,
    category_ids: [categoryId],
    shipping_profile_id: profile.id,
    options: [{ title: "规格", values: ["标准"] }],
    variants: [
      { title: "标准", sku, options: { 规格: "标准" }, manage_inventory: false, prices: [{ amount: price, currency_code: "cny" }] },
    ],
    sales_channels: [{ id: channel.id }],
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        product("招牌红烧牛肉面（大碗，加辣）", "NOODLE-L", 38, food, hot),
        product("鲜肉小笼包", "XLB-8", 22, food, hot),
        product("冻柠檬茶", "TEA-ICE", 12, drink, cold),
      ],
    },
  })
  const variantOf = (sku: string) => products.flatMap((p: any) => p.variants).find((v: any) => v.sku === sku)!.id

  return {
    regionId: region.id,
    salesChannelId: channel.id,
    publishableKey: key.token,
    locationId: location.id,
    shippingOptionId: option.id,
    productTypes: { food, drink },
    categories: { hot, cold },
    variants: { noodles: variantOf("NOODLE-L"), dumplings: variantOf("XLB-8"), tea: variantOf("TEA-ICE") },
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
