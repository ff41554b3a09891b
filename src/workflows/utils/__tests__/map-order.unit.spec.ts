import { mapOrderForReceipt } from "../map-order"

/** the part of a query.graph order the mapping reads */
const loaded = (order: Record<string, unknown>) => ({ order, fulfillment: null }) as any

describe("mapOrderForReceipt: names and addresses", () => {
  it("writes a Latin customer 'First Last' (it printed 'ComerNew')", () => {
    const r = mapOrderForReceipt(
      loaded({ id: "o1", items: [], customer: { first_name: "New", last_name: "Comer" }, shipping_address: { first_name: "New", last_name: "Comer", city: "上海", address_1: "1 Test Rd" } }),
      null
    )
    expect(r.customer.name).toBe("New Comer")
    expect(r.shippingAddress?.name).toBe("New Comer")
  })

  it("writes a Chinese customer family name first, with no space", () => {
    const r = mapOrderForReceipt(loaded({ id: "o2", items: [], shipping_address: { first_name: "小明", last_name: "王", city: "上海", province: "上海" } }), null)
    expect(r.customer.name).toBe("王小明")
    expect(r.shippingAddress).toMatchObject({ name: "王小明", city: "上海", province: undefined })
  })

  it("has no name when the order has none", () => {
    const r = mapOrderForReceipt(loaded({ id: "o3", items: [] }), null)
    expect(r.customer.name).toBeUndefined()
    expect(r.shippingAddress).toBeUndefined()
  })
})
