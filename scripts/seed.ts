import { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
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
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

/**
 * `npm run seed` (medusa exec ./scripts/seed.ts): a small Chinese demo store, idempotent — run it
 * again and it adds only what is missing. An admin user, a CNY region (China, system payment), a
 * sales channel with a publishable key, a stock location in Shanghai with a flat-rate shipping
 * option, and CJK-named products in two product types (food / drink) and two categories.
 * Prints one line `SEED_RESULT {json}` with the ids a demo or test needs (no secrets: a
 * publishable key is public by design).
 *
 * Admin login: YLY_SEED_ADMIN_EMAIL / YLY_SEED_ADMIN_PASSWORD (default admin@yilianyun.test / supersecret).
 */
export default async function seed({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const email = process.env.YLY_SEED_ADMIN_EMAIL || "admin@yilianyun.test"
  const password = process.env.YLY_SEED_ADMIN_PASSWORD || "supersecret"

  await ensureAdmin(container, email, password)
  const result = { admin_email: email, ...(await seedDemoStore(container)) }
  logger.info(`yilianyun seed: store ready (admin ${email})`)
  process.stdout.write(`SEED_RESULT ${JSON.stringify(result)}\n`)
}

/** The store itself (everything but the admin user), idempotent; the HTTP tests use it too. */
export async function seedDemoStore(container: MedusaContainer) {
  const channel = await ensureSalesChannel(container)
  await ensureStoreDefaults(container, channel.id)
  const region = await ensureRegion(container)
  const publishableKey = await ensurePublishableKey(container, channel.id)
  const { location, option } = await ensureShipping(container, channel.id, region.id)
  const catalog = await ensureCatalog(container, channel.id)

  return {
    region_id: region.id,
    sales_channel_id: channel.id,
    publishable_key: publishableKey,
    stock_location_id: location.id,
    shipping_option_id: option.id,
    product_types: catalog.types,
    categories: catalog.categories,
    variants: catalog.variants,
  }
}

async function ensureAdmin(container: MedusaContainer, email: string, password: string) {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  let [user] = await users.listUsers({ email })
  if (!user) {
    const { result } = await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "店长" }] } })
    user = result[0]
  }
  const identities = await auth.listAuthIdentities({ provider_identities: { entity_id: email, provider: "emailpass" } } as any)
  if (!identities.length) {
    const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } } as any)
    if (error || !authIdentity) throw new Error(`Could not create the admin login ${email}: ${error}`)
    await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  }
  return user
}

async function ensureSalesChannel(container: MedusaContainer) {
  const channels = container.resolve(Modules.SALES_CHANNEL)
  const stores = container.resolve(Modules.STORE)
  const [store] = await stores.listStores({}, { select: ["id", "default_sales_channel_id"] })
  if (store?.default_sales_channel_id) {
    const [existing] = await channels.listSalesChannels({ id: store.default_sales_channel_id })
    if (existing) return existing
  }
  const [named] = await channels.listSalesChannels({ name: "Web shop" })
  if (named) return named
  const { result } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web shop", description: "网上商店" }] },
  })
  return result[0]
}

async function ensureStoreDefaults(container: MedusaContainer, channelId: string) {
  const stores = container.resolve(Modules.STORE)
  const [store] = await stores.listStores({}, { relations: ["supported_currencies"] })
  if (!store) return
  const hasCny = (store.supported_currencies ?? []).some((c: any) => c.currency_code === "cny")
  if (hasCny && store.default_sales_channel_id === channelId) return
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: store.name || "易联云演示店",
        default_sales_channel_id: channelId,
        supported_currencies: hasCny
          ? (store.supported_currencies as any[]).map((c) => ({ currency_code: c.currency_code, is_default: c.is_default }))
          : [{ currency_code: "cny", is_default: true }],
      },
    } as any,
  })
}

async function ensureRegion(container: MedusaContainer) {
  const regions = container.resolve(Modules.REGION)
  const [existing] = await regions.listRegions({ name: "中国" })
  if (existing) return existing
  const { result } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "中国", currency_code: "cny", countries: ["cn"], payment_providers: ["pp_system_default"] }] },
  })
  return result[0]
}

async function ensurePublishableKey(container: MedusaContainer, channelId: string): Promise<string> {
  const keys = container.resolve(Modules.API_KEY)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let [key] = await keys.listApiKeys({ title: "Web shop", type: "publishable", revoked_at: null } as any)
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "Web shop", type: "publishable", created_by: "" }] },
    })
    key = result[0]
  }
  const {
    data: [linked],
  } = await query.graph({ entity: "api_key", fields: ["id", "sales_channels.id"], filters: { id: key.id } })
  if (!(linked?.sales_channels ?? []).some((c: any) => c?.id === channelId)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channelId] } })
  }
  return key.token
}

async function ensureShipping(container: MedusaContainer, channelId: string, regionId: string) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const locations = container.resolve(Modules.STOCK_LOCATION)

  let [location] = await locations.listStockLocations({ name: "上海静安店" })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: "上海静安店", address: { city: "上海", country_code: "CN", address_1: "南京西路 1266 号" } }] },
    })
    location = result[0]
  }
  const {
    data: [loc],
  } = await query.graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_providers.id", "fulfillment_sets.id", "fulfillment_sets.name", "fulfillment_sets.service_zones.id"],
    filters: { id: location.id },
  })
  if (!(loc?.sales_channels ?? []).some((c: any) => c?.id === channelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channelId] } })
  }
  if (!(loc?.fulfillment_providers ?? []).some((p: any) => p?.id === "manual_manual")) {
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
  }
  let fset: any = (loc?.fulfillment_sets ?? []).find((s: any) => s?.name === "上海配送")
  if (!fset) {
    fset = await fulfillment.createFulfillmentSets({
      name: "上海配送",
      type: "shipping",
      service_zones: [{ name: "中国", geo_zones: [{ country_code: "cn", type: "country" }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fset.id },
    })
  }

  let [profile] = await fulfillment.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({ input: { data: [{ name: "Default", type: "default" }] } })
    profile = result[0]
  }

  let [option] = await fulfillment.listShippingOptions({ name: "同城配送" })
  if (!option) {
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: "同城配送",
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: fset.service_zones[0].id,
          shipping_profile_id: profile.id,
          type: { label: "Standard", description: "同城配送，当天送达", code: "standard" },
          prices: [
            { currency_code: "cny", amount: 8 },
            { region_id: regionId, amount: 8 },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    option = result[0]
  }
  return { location, option, profile }
}

const PRODUCTS = [
  { handle: "beef-noodles", title: "招牌红烧牛肉面（大碗，加辣）", sku: "NOODLE-L", price: 38, type: "food", category: "热菜" },
  { handle: "xiaolongbao", title: "鲜肉小笼包（8 只）", sku: "XLB-8", price: 22, type: "food", category: "热菜" },
  { handle: "iced-lemon-tea", title: "冻柠檬茶", sku: "TEA-ICE", price: 12, type: "drink", category: "冷饮" },
  { handle: "pearl-milk-tea", title: "珍珠奶茶（少冰，七分糖）", sku: "MILKTEA-L", price: 16, type: "drink", category: "冷饮" },
]

async function ensureCatalog(container: MedusaContainer, channelId: string) {
  const products = container.resolve(Modules.PRODUCT)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const [profile] = await fulfillment.listShippingProfiles({ type: "default" })

  const types: Record<string, string> = {}
  for (const value of ["food", "drink"]) {
    let [type] = await products.listProductTypes({ value })
    if (!type) type = (await createProductTypesWorkflow(container).run({ input: { product_types: [{ value }] } })).result[0]
    types[value] = type.id
  }
  const categories: Record<string, string> = {}
  for (const name of ["热菜", "冷饮"]) {
    let [category] = await products.listProductCategories({ name })
    if (!category) {
      category = (await createProductCategoriesWorkflow(container).run({ input: { product_categories: [{ name, is_active: true }] } })).result[0]
    }
    categories[name] = category.id
  }

  const existing = await products.listProducts({ handle: PRODUCTS.map((p) => p.handle) }, { relations: ["variants"] })
  const missing = PRODUCTS.filter((p) => !existing.some((e) => e.handle === p.handle))
  if (missing.length) {
    await createProductsWorkflow(container).run({
      input: {
        products: missing.map((p) => ({
          title: p.title,
          handle: p.handle,
          status: "published" as const,
          type_id: types[p.type],
          category_ids: [categories[p.category]],
          shipping_profile_id: profile?.id,
          options: [{ title: "规格", values: ["标准"] }],
          variants: [
            { title: "标准", sku: p.sku, options: { 规格: "标准" }, manage_inventory: false, prices: [{ amount: p.price, currency_code: "cny" }] },
          ],
          sales_channels: [{ id: channelId }],
        })),
      },
    })
  }
  const all = await products.listProducts({ handle: PRODUCTS.map((p) => p.handle) }, { relations: ["variants"] })
  const variants = Object.fromEntries(all.flatMap((p) => (p.variants ?? []).map((v: any) => [v.sku, v.id])))
  return { types, categories, variants }
}
