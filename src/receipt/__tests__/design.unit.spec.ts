import fc from "fast-check"
import {
  BLOCK_TYPES, designProblems, designTemplate, maskPhone, newBlock, parseDesign, starterDesign,
  type DesignBase, type ReceiptDesign,
} from "../design"
import { getProfile, type ModelProfile } from "../profiles"
import { previewText } from "../preview"
import { renderReceipt } from "../render"
import { sampleOrder } from "../sample"
import { safeLine } from "../safe-text"
import type { ReceiptOrder } from "../types"
import { fixtureOrder } from "./fixtures"
import { printRuleViolations, tagSequence } from "./invariants"

const NOW = new Date("2026-03-08T12:00:00Z")
const BASES: DesignBase[] = ["receipt", "kitchen", "packing", "cancel"]

const render = (design: ReceiptDesign, order: ReceiptOrder, profile = getProfile("K4", { paperWidth: 58 }), extra = {}) =>
  renderReceipt(designTemplate(design), order, { profile, now: NOW, shopName: "金龙小厨", headerLines: ["营业 10-22"], footerLines: ["WiFi: jinlong / 88888888"], ...extra })

const design = (base: DesignBase, blocks: unknown[]) => {
  const parsed = parseDesign({ base, blocks })
  if (!parsed.design) throw new Error(parsed.issues.map((i) => i.message).join("; "))
  return parsed.design
}

describe("parseDesign", () => {
  it("fills every field in from the base, so a stored design prints the same if defaults change later", () => {
    const d = design("kitchen", [{ type: "items" }, { type: "rule" }, { type: "title", size: "double" }])
    expect(d.blocks[0]).toEqual({
      type: "items", visible: true, size: "normal", bold: false, align: "left", checkbox: false,
      columns: { name: true, variant: true, sku: false, quantity: true, unit_price: false, line_total: false, note: true },
    })
    expect(d.blocks[1]).toEqual({ type: "rule", visible: true, size: "normal", bold: false, align: "left", char: "-" })
    expect(d.blocks[2]).toMatchObject({ type: "title", size: "double", align: "center", text: "" })
    // a normalized design reads back as itself
    expect(parseDesign({ base: "kitchen", blocks: d.blocks }).design!.blocks).toEqual(d.blocks)
  })

  it("names the field of every mistake", () => {
    const messages = (blocks: unknown[], base = "receipt") => parseDesign({ base, blocks }).issues.map((i) => i.message)
    expect(messages([{ type: "logo" }])).toEqual([expect.stringMatching(/^Field 'blocks\.0\.type' must be one of shop_header/)])
    expect(messages([{ type: "title" }, { type: "items", size: "huge" }])).toEqual([
      "Field 'blocks.1.size' must be one of normal, tall, wide, double",
    ])
    expect(messages([{ type: "rule", size: "double" }])[0]).toMatch(/^Field 'blocks\.0\.size' must be normal: a rule block fills the line/)
    expect(messages([{ type: "items", align: "center" }])[0]).toMatch(/^Field 'blocks\.0\.align' cannot be center: an? items block can only be aligned left/)
    expect(messages([{ type: "qr", bold: true }])[0]).toMatch(/^Field 'blocks\.0\.bold' cannot be on/)
    expect(messages([{ type: "items", columns: { price: true } }])[0]).toMatch(/^Field 'blocks\.0\.columns\.price' is not one of name, variant/)
    expect(messages([{ type: "items", columns: { name: false, variant: false, sku: false, quantity: false, unit_price: false, line_total: false, note: false } }])[0]).toMatch(/blocks\.0\.columns' must turn on at least one/)
    expect(messages([{ type: "text" }])[0]).toBe("Field 'blocks.0.text' is required")
    expect(messages([{ type: "text", text: "x".repeat(501) }])[0]).toMatch(/blocks\.0\.text' is longer than 500/)
    expect(messages([{ type: "feed", lines: 9 }])[0]).toMatch(/blocks\.0\.lines' must be a whole number from 1 to 5/)
    expect(messages([{ type: "title", colour: "red" }])[0]).toBe("Field 'blocks.0.colour' is not a field of this block")
    expect(messages([{ type: "recipient", mask_phone: "yes" }])[0]).toBe("Field 'blocks.0.mask_phone' must be true or false")
    expect(messages([])).toEqual(["Field 'blocks' must hold at least one block"])
    expect(messages(new Array(61).fill({ type: "rule" }))[0]).toMatch(/at most 60/)
    expect(parseDesign({ base: "menu", blocks: [] }).issues[0].message).toBe("Field 'base' must be one of receipt, kitchen, packing, cancel")
    expect(parseDesign({ base: "receipt", blocks: [{ type: "rule" }] }, { requireName: true }).issues[0].message).toMatch(/^Field 'name' is required/)
  })

  it("every block type has defaults and starts a design of every base", () => {
    for (const base of BASES) {
      for (const type of BLOCK_TYPES) expect(newBlock(type, base).type).toBe(type)
      expect(starterDesign(base).blocks.length).toBeGreaterThan(5)
    }
  })
})

describe("designTemplate", () => {
  it("the starter of every base prints within every printer rule at 58 and 80 mm", () => {
    for (const base of BASES) {
      for (const width of [58, 80] as const) {
        const profile = getProfile("K4", { paperWidth: width })
        const order = { ...fixtureOrder(8), fulfillment: { id: "ful_1", locationName: "上海仓", items: fixtureOrder(3).items } }
        const { parts } = render(starterDesign(base), order, profile, { maxContentLength: 1e6 })
        expect(parts).toHaveLength(1)
        expect(printRuleViolations(parts[0], profile.columns, 1e6)).toEqual([])
        expect(designProblems(starterDesign(base), profile)).toEqual([])
      }
    }
  })

  it("a kitchen design that hides prices prints the dishes large with no amount anywhere", () => {
    const d = design("kitchen", [
      { type: "order_number", size: "double" },
      { type: "items", size: "tall", bold: true, columns: { unit_price: false, line_total: false, quantity: true, note: true } },
      { type: "totals", visible: false },
    ])
    const { parts } = render(d, sampleOrder())
    const text = previewText(parts[0], { columns: 32 })
    expect(text).toMatch(/2 × 宫保鸡丁/)
    expect(text).toMatch(/备注: 少冰/)
    expect(text).not.toMatch(/￥|\d+\.\d\d/)
    expect(parts[0]).toContain("<FH2><FB>2 × 宫保鸡丁\n</FB></FH2>")
    expect(text).toMatch(/^ {5}大份 \/ 微辣$/m) // under the name: "2 × " takes 5 columns (× is double-width)
  })

  it("prices show where the columns ask: line total at the right edge, unit price × quantity under the name", () => {
    const d = design("receipt", [{ type: "items", columns: { sku: true } }, { type: "totals", size: "tall", bold: true }])
    const lines = previewText(render(d, sampleOrder()).parts[0], { columns: 32 }).split("\n")
    expect(lines[0]).toMatch(/^宫保鸡丁 +￥76\.00$/)
    expect(lines[0]).toHaveLength(32 - 5) // 宫保鸡丁 and ￥ are double-width: the line ends at column 32
    expect(lines).toContain("  大份 / 微辣")
    expect(lines).toContain("  ￥38.00 × 2")
    expect(lines.some((l) => /^合 *计 .*￥ *8 *9 *\. *5 *0$/.test(l))).toBe(true)
  })

  it("masks the phone as 138****0000 when asked, and keeps it whole otherwise", () => {
    const masked = design("receipt", [{ type: "recipient", mask_phone: true }])
    const whole = design("receipt", [{ type: "recipient", address: false }])
    expect(previewText(render(masked, sampleOrder()).parts[0], { columns: 32 })).toMatch(/张三 138\*\*\*\*0000/)
    const plain = previewText(render(whole, sampleOrder()).parts[0], { columns: 32 })
    expect(plain).toMatch(/13800000000/)
    expect(plain).not.toMatch(/深圳/)
    expect(maskPhone("+86 138 0000 1234")).toBe("+86 138 **** 1234")
    expect(maskPhone("021-12345678")).toBe("021-****5678")
    expect(maskPhone("1234")).toBe("1234")
  })

  it("hidden blocks print nothing, free text keeps its lines, rules and feeds are exact", () => {
    const d = design("receipt", [
      { type: "title", visible: false },
      { type: "text", text: "Wi-Fi: guest\n\n密码 88888888", align: "center" },
      { type: "rule", char: "=" },
      { type: "feed", lines: 2 },
      { type: "footer", align: "right" },
    ])
    const lines = previewText(render(d, sampleOrder()).parts[0], { columns: 32 }).split("\n")
    expect(lines.slice(0, 7)).toEqual([
      "          Wi-Fi: guest", "", "         密码 88888888", "=".repeat(32), "", "", "        WiFi: jinlong / 88888888",
    ])
  })
})

describe("designProblems", () => {
  it("refuses amounts beside names at double size on 58 mm paper, naming the block, and allows it on 80 mm", () => {
    const d = design("receipt", [{ type: "title" }, { type: "items", size: "double" }, { type: "totals", size: "wide" }])
    const problems = designProblems(d, getProfile("K4", { paperWidth: 58 }))
    expect(problems.map((p) => p.field)).toEqual(["blocks.1.size", "blocks.2.size"])
    expect(problems[0].message).toMatch(/^Block 2 \(items\) at double size leaves 16 columns on a K4 on 58 mm paper/)
    expect(designProblems(d, getProfile("K4", { paperWidth: 80 }))).toEqual([])
    // without the line total the names have the line to themselves
    expect(designProblems(design("kitchen", [{ type: "items", size: "double" }]), getProfile("K4"))).toEqual([])
  })

  it("refuses a size, an alignment or a QR code the model cannot print", () => {
    const base = getProfile("K4")
    const limited: ModelProfile = { ...base, model: "Q9", supports: { ...base.supports, FW2: false, right: false, QR: false } }
    const d = design("receipt", [{ type: "title", size: "wide" }, { type: "footer", align: "right" }, { type: "qr" }, { type: "title", size: "tall" }])
    expect(designProblems(d, limited).map((p) => [p.field, p.message])).toEqual([
      ["blocks.0.size", expect.stringMatching(/Block 1 \(title\) is set to wide size, which a Q9 on 58 mm paper cannot print \(no <FW2>\)/)],
      ["blocks.1.align", expect.stringMatching(/Block 2 \(footer\) is right-aligned/)],
      ["blocks.2.type", expect.stringMatching(/does not print QR codes/)],
    ])
  })
})

// Safe text, for designs: whatever a design's own text and the order's text hold, the markup keeps
// every printer rule and holds the tags the design writes for harmless text.
const untrusted = fc
  .array(fc.oneof(fc.constantFrom("<FS2>", "</center>", "<MN>9</MN>", "<LR>", ",", "\n", "@@2", "😀", "宫保鸡丁", "<", ">", "  "), fc.string({ maxLength: 5 })), { maxLength: 6 })
  .map((p) => p.join(""))

const arbBlock = fc.oneof(
  ...BLOCK_TYPES.map((type) =>
    fc.record({
      type: fc.constant(type),
      visible: fc.boolean(),
      size: type === "rule" || type === "feed" || type === "qr" ? fc.constant("normal") : fc.constantFrom("normal", "tall", "wide", "double"),
      bold: type === "rule" || type === "feed" || type === "qr" ? fc.constant(false) : fc.boolean(),
    }),
  ),
)

describe("designs with hostile text", () => {
  it("keep every printer rule and write only their own tags", () => {
    fc.assert(
      fc.property(fc.array(arbBlock, { minLength: 1, maxLength: 25 }), fc.constantFrom(...BASES), untrusted, untrusted, fc.constantFrom(58, 80), (blocks, base, t1, t2, width) => {
        const withText = blocks.map((b) => (b.type === "text" || b.type === "title" ? { ...b, text: t1.trim() ? t1 : "x" } : b))
        const parsed = parseDesign({ base, blocks: withText })
        expect(parsed.issues).toEqual([])
        const profile = getProfile("K4", { paperWidth: width as 58 | 80 })
        const hostile: ReceiptOrder = { ...sampleOrder(), note: t2, salesChannel: t1, items: sampleOrder().items.map((i) => ({ ...i, title: t2 || "x", note: t1 })) }
        const harmless = (s: string) => (safeLine(s) === "" ? "" : "x")
        const plain: ReceiptOrder = { ...hostile, note: harmless(t2), salesChannel: harmless(t1), items: hostile.items.map((i) => ({ ...i, title: harmless(t2) || "x", note: harmless(t1) })) }
        const plainDesign = { ...parsed.design!, blocks: parsed.design!.blocks.map((b) => (b.type === "text" || b.type === "title" ? { ...b, text: harmless(t1) || "x" } : b)) } as ReceiptDesign
        const got = render(parsed.design!, hostile, profile, { maxContentLength: 1e6 }).parts
        const want = render(plainDesign, plain, profile, { maxContentLength: 1e6 }).parts
        expect(printRuleViolations(got[0], profile.columns, 1e6)).toEqual([])
        expect(tagSequence(got[0])).toEqual(tagSequence(want[0]))
      }),
      { numRuns: 300, seed: 20261201 },
    )
  })
})
