import fc from "fast-check"
import { isCjk } from "../names"
import { getProfile } from "../profiles"
import { renderReceipt } from "../render"
import { safeLine } from "../safe-text"
import type { ReceiptOrder, RenderOptions } from "../types"
import { printRuleViolations, tagSequence } from "./invariants"

// Safe text, as a property: whatever the shop or the customer types into any text field, the
// rendered markup holds exactly the tags the template writes — the same sequence it writes for
// harmless text — and keeps every printer rule. Seeded, thousands of cases.

const FRAGMENTS = [
  "<FS2>", "</FS2>", "</center>", "<center>", "<QR>", "</QR>", "<MN>9</MN>", "<MS>1,3</MS>", "<LR>", "</LR>",
  "<table><tr><td>", "</td>", "<FB", ">", "<", ",", ",,", "\n", "\r\n", "\t", "@@2", "@", "😀", "👨‍👩‍👧", "🇨🇳",
  "宫保鸡丁", "（大份，微辣）", "Привет", "é", "\u0301", "\u200b", "\u0000", " ", "  ", "￥", "&", "+",
]

const untrusted = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 8 })
  .map((parts) => parts.join(""))

const textFields = fc.record({
  titles: fc.array(untrusted, { minLength: 1, maxLength: 3 }),
  variant: untrusted, note: untrusted, itemNote: untrusted, meta: untrusted, name: untrusted, phone: untrusted,
  company: untrusted, address1: untrusted, address2: untrusted, city: untrusted, province: untrusted,
  postal: untrusted, method: untrusted, channel: untrusted, pickup: untrusted, payment: untrusted,
  reason: untrusted, shop: untrusted, header: untrusted, footer: untrusted, tts: untrusted, location: untrusted,
})

type Fields = typeof textFields extends fc.Arbitrary<infer T> ? T : never

function build(f: Fields, map: (s: string) => string): { order: ReceiptOrder; options: RenderOptions } {
  const items = f.titles.map((t, i) => ({
    title: map(t), variantTitle: map(f.variant), sku: map(f.postal), quantity: i + 1, unitPrice: 9.5, total: 9.5 * (i + 1),
    note: map(f.itemNote), metadata: { spice: map(f.meta) },
  }))
  const order: ReceiptOrder = {
    id: "order_1", displayId: 7, createdAt: "2026-03-08T11:47:30Z", currencyCode: "cny", items,
    subtotal: 20, discountTotal: 2, shippingTotal: 5, taxTotal: 1, total: 24, paymentStatus: map(f.payment),
    customer: { name: map(f.name), phone: map(f.phone) },
    shippingAddress: {
      name: map(f.name), phone: map(f.phone), company: map(f.company), address1: map(f.address1), address2: map(f.address2),
      city: map(f.city), province: map(f.province), postalCode: map(f.postal), countryCode: map(f.city),
    },
    shippingMethod: map(f.method), note: map(f.note), salesChannel: map(f.channel), pickupNumber: map(f.pickup),
    fulfillment: { id: map(f.method), locationName: map(f.location), items: items.map((i) => ({ ...i })) },
    cancelReason: map(f.reason),
  }
  const options: RenderOptions = {
    profile: getProfile("K4-WAD"), shopName: map(f.shop), headerLines: [map(f.header)], footerLines: [map(f.footer)],
    itemMetadataKeys: ["spice"], sound: { kind: "tts", text: map(f.tts) }, confirm: true,
    // labels are merchant text too, and several of them sit inside <LR>
    labels: { subtotal: map(f.header), total: map(f.footer), item: map(f.tts), originalTotal: map(f.reason) },
    now: new Date("2026-03-08T12:00:00Z"),
  }
  return { order, options }
}

// Harmless text with the same presence and script: empty where the printer would print nothing,
// else "x", or "字" for CJK text (names and addresses are laid out by their script).
const harmless = (s: string) => (safeLine(s) === "" ? "" : isCjk(safeLine(s)) ? "字" : "x")

describe.each(["receipt", "kitchen", "packing", "cancel", "test"])("template %s with hostile text", (template) => {
  it("writes only its own tags and keeps every printer rule", () => {
    fc.assert(
      fc.property(textFields, fc.constantFrom("zh-CN" as const, "en" as const), (fields, language) => {
        const hostile = build(fields, (s) => s)
        const plain = build(fields, harmless)
        const got = renderReceipt(template, hostile.order, { ...hostile.options, language })
        const want = renderReceipt(template, plain.order, { ...plain.options, language })
        expect(got.parts).toHaveLength(1)
        expect(tagSequence(got.parts[0])).toEqual(tagSequence(want.parts[0]))
        expect(printRuleViolations(got.parts[0], 32)).toEqual([])
      }),
      { numRuns: 600, seed: 20260308 },
    )
  })
})
