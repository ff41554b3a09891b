import type { ReceiptOrder } from "./types"

/** A small, fixed order for test pages and template previews in the admin. */
export function sampleOrder(): ReceiptOrder {
  return {
    id: "order_sample",
    displayId: 1001,
    createdAt: "2026-01-15T04:30:00.000Z",
    currencyCode: "cny",
    items: [
      { title: "宫保鸡丁", variantTitle: "大份 / 微辣", quantity: 2, unitPrice: 38, total: 76 },
      { title: "Jasmine tea 茉莉花茶", quantity: 1, unitPrice: 12.5, total: 12.5, note: "少冰" },
    ],
    subtotal: 88.5,
    discountTotal: 5,
    shippingTotal: 6,
    taxTotal: 0,
    total: 89.5,
    paymentStatus: "captured",
    customer: { name: "张三", phone: "13800000000" },
    shippingAddress: {
      name: "张三", phone: "13800000000", province: "广东省", city: "深圳市", address1: "南山区科技园路 1 号",
      postalCode: "518000", countryCode: "cn",
    },
    shippingMethod: "同城配送",
    note: "请尽快送达",
    pickupNumber: "A012",
  }
}
