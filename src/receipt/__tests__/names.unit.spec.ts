import { renderReceipt } from "../render"
import { previewText } from "../preview"
import { getProfile } from "../profiles"
import { addressLines, isCjk, personName } from "../names"
import type { ReceiptOrder } from "../types"

describe("names by script", () => {
  it("writes a Chinese name family first, with no space", () => {
    expect(personName("小明", "王")).toBe("王小明")
    expect(personName("娜娜", "欧阳")).toBe("欧阳娜娜")
  })

  it("writes a Latin name first name first, with a space (not 'ComerNew')", () => {
    expect(personName("New", "Comer")).toBe("New Comer")
    expect(personName("  Ada ", "")).toBe("Ada")
    expect(personName(null, "Lovelace")).toBe("Lovelace")
  })

  it("has no name when both parts are empty", () => {
    expect(personName("", undefined)).toBeUndefined()
  })

  it("tells CJK text from Latin", () => {
    expect(isCjk("上海")).toBe(true)
    expect(isCjk("１号")).toBe(true)
    expect(isCjk("1 Test Rd")).toBe(false)
    expect(isCjk(undefined)).toBe(false)
  })
})

describe("addresses by script", () => {
  it("runs a Chinese address from the province down, with no spaces between units", () => {
    expect(
      addressLines({ province: "广东省", city: "深圳市", address1: "南山区深南大道10000号", address2: "18楼1808室", postalCode: "518057", countryCode: "cn" })
    ).toEqual(["广东省深圳市南山区深南大道10000号18楼1808室", "518057"])
  })

  it("puts a space where a CJK unit meets Latin text ('上海 1 Test Rd', not '上海1 Test Rd')", () => {
    expect(addressLines({ city: "上海", address1: "静安区", address2: "Room 5" })).toEqual(["上海静安区 Room 5"])
  })

  it("writes a Latin street Western style even when the city is in Chinese", () => {
    expect(addressLines({ city: "上海", province: "上海", address1: "1 Test Rd", postalCode: "200040", countryCode: "cn" })).toEqual([
      "1 Test Rd",
      "上海 200040",
      "CN",
    ])
  })

  it("writes a Latin address street, city and province separated, then the country", () => {
    expect(
      addressLines({ company: "Acme", address1: "1 Main St", address2: "Suite 2", city: "Springfield", province: "IL", postalCode: "62704", countryCode: "us" })
    ).toEqual(["Acme", "1 Main St", "Suite 2", "Springfield, IL 62704", "US"])
  })
})

describe("on the paper", () => {
  const order = (address: ReceiptOrder["shippingAddress"], customerName: string): ReceiptOrder => ({
    id: "order_1",
    displayId: 7,
    createdAt: "2026-03-08T11:47:30.000Z",
    currencyCode: "cny",
    items: [{ title: "Tea", quantity: 1, unitPrice: 5, total: 5 }],
    subtotal: 5,
    total: 5,
    customer: { name: customerName },
    shippingAddress: address,
  })

  it("a Chinese receipt keeps a Latin name and street readable", () => {
    const r = renderReceipt(
      "receipt",
      order({ name: personName("New", "Comer"), city: "上海", address1: "1 Test Rd", countryCode: "cn" }, "x"),
      { profile: getProfile("K4", { paperWidth: 58 }), language: "zh-CN" }
    )
    const text = previewText(r.parts.join(""), { columns: r.columns })
    expect(text).toContain("New Comer")
    expect(text).toContain("1 Test Rd")
    expect(text).not.toContain("上海1 Test Rd")
  })
})
