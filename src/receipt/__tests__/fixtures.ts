import type { ReceiptItem, ReceiptOrder, RenderOptions } from "../types"

// A realistic order for the golden files: long CJK names, 30 lines, discounts, a customer note with
// a tag and commas in it, a fixed clock. Amounts are major units, as the mapper passes them.

const DISHES: Array<[string, string | undefined, number]> = [
  ["招牌宫保鸡丁（大份，微辣，加花生米，不要葱）配五常大米饭", "大份 / 微辣", 38],
  ["Classic Beef Burger with Cheddar, Bacon & Caramelised Onions", "Large / Medium rare", 12.5],
  ["麻婆豆腐", undefined, 22],
  ["水煮牛肉（特辣）", "中份", 48],
  ["Jasmine Green Tea 茉莉花茶", "Hot", 9.9],
  ["扬州炒饭", undefined, 18],
]

export function fixtureItems(count: number): ReceiptItem[] {
  const items: ReceiptItem[] = []
  for (let i = 0; i < count; i++) {
    const [title, variantTitle, unitPrice] = DISHES[i % DISHES.length]
    const quantity = (i % 3) + 1
    const discount = i % 5 === 0 ? 2 : 0
    items.push({
      id: `item_${i + 1}`,
      title: i === 0 ? title : `${title} ${i + 1}`,
      variantTitle,
      sku: `SKU-${String(i + 1).padStart(4, "0")}`,
      quantity,
      unitPrice,
      total: Math.round((unitPrice * quantity - discount) * 100) / 100,
      discount: discount || undefined,
      note: i === 3 ? "不要香菜, 多放辣 <FB>!</FB>" : undefined,
      metadata: i === 1 ? { doneness: "medium rare", internal: { x: 1 } } : undefined,
    })
  }
  return items
}

export function fixtureOrder(count = 30): ReceiptOrder {
  const items = fixtureItems(count)
  const subtotal = Math.round(items.reduce((s, i) => s + i.unitPrice * i.quantity, 0) * 100) / 100
  const itemDiscounts = items.reduce((s, i) => s + (i.discount ?? 0), 0)
  const discountTotal = itemDiscounts + 10
  const shippingTotal = 8
  const taxTotal = 6.5
  return {
    id: "order_01JABCDEF",
    displayId: 1024,
    createdAt: "2026-03-08T11:47:30.000Z",
    currencyCode: "cny",
    items,
    subtotal,
    discountTotal,
    shippingTotal,
    taxTotal,
    total: Math.round((subtotal - discountTotal + shippingTotal + taxTotal) * 100) / 100,
    paymentStatus: "captured",
    customer: { name: "欧阳·娜娜", phone: "13912345678", email: "nana@example.com" },
    shippingAddress: {
      name: "欧阳·娜娜",
      phone: "13912345678",
      company: "星辰科技有限公司",
      address1: "南山区科技园南区深南大道10000号腾讯大厦B座",
      address2: "18楼1808室（前台代收）",
      city: "深圳市",
      province: "广东省",
      postalCode: "518057",
      countryCode: "cn",
    },
    shippingMethod: "同城配送 Same-day",
    note: "请<FS2>务必</FS2>在12:30前送到, 谢谢,\n到了打电话 <MN>9</MN> 😀",
    salesChannel: "微信小程序",
    pickupNumber: "A023",
    fulfillment: {
      id: "ful_01JXYZ",
      locationName: "深圳南山仓",
      items: items.slice(0, 8).map((i) => ({ title: i.title, variantTitle: i.variantTitle, sku: i.sku, quantity: i.quantity })),
    },
    canceledAt: "2026-03-08T12:05:00.000Z",
    cancelReason: "顾客要求取消, 地址错误",
  }
}

export function fixtureOptions(language: "zh-CN" | "en"): RenderOptions {
  return {
    language,
    timezone: "Asia/Shanghai",
    shopName: language === "en" ? "Golden Dragon Kitchen" : "金龙小厨（南山店）",
    headerLines: language === "en" ? ["Open 10:00-22:00", "Tel 0755-8888 6666"] : ["营业时间 10:00-22:00", "电话 0755-88886666"],
    footerLines: language === "en" ? ["Thank you, come again!"] : ["谢谢惠顾，欢迎再次光临！"],
    qrUrl: "https://shop.example.com/orders/{display_id}?id={order_id}",
    itemMetadataKeys: ["doneness"],
    now: new Date("2026-03-08T12:10:00.000Z"),
  }
}
