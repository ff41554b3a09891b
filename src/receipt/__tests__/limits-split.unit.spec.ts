import { MarkupBuilder } from "../builder"
import { layoutMarkup } from "../layout"
import { countTagUses, enforceTagLimit } from "../limits"
import { lineText, previewLines } from "../preview"
import { splitMarkup } from "../split"
import { printRuleViolations } from "./invariants"

describe("the 25-use limit of table/center/right/LR", () => {
  it("the builder switches to padded lines after 25 uses, and they print the same", () => {
    const b = new MarkupBuilder(32)
    for (let i = 0; i < 40; i++) b.lr(`菜品 ${i}, 加辣`, `￥${i}.00`)
    for (let i = 0; i < 30; i++) b.center(`居中 ${i}`, { size: "FS2" })
    const markup = b.toString()
    expect(countTagUses(markup)).toEqual({ table: 0, center: 25, right: 0, LR: 25 })
    expect(printRuleViolations(markup, 32)).toEqual([])
    const tagged = new MarkupBuilder(32, { tagUseLimit: 1000 })
    for (let i = 0; i < 40; i++) tagged.lr(`菜品 ${i}, 加辣`, `￥${i}.00`)
    for (let i = 0; i < 30; i++) tagged.center(`居中 ${i}`, { size: "FS2" })
    // Padded FS2 lines can sit up to one ×2 column left of where <center> puts an odd-width text.
    const a = previewLines(markup, { columns: 32 })
    const t = previewLinesUnlimited(tagged.toString())
    expect(a.slice(0, 40 + 25)).toEqual(t.slice(0, 40 + 25))
    a.slice(65).forEach((line, i) => expect(Math.abs(line.indexOf("居") - t[65 + i].indexOf("居"))).toBeLessThanOrEqual(1))
  })

  it("enforceTagLimit rewrites raw markup from a store template: same paper, ≤ 25 uses", () => {
    let raw = "head<FB>"
    for (let i = 0; i < 30; i++) raw += `<LR>item ${i},${i}.00</LR><center>c${i}</center>`
    raw += `</FB><table><tr><td>a</td><td>b</td><td>c</td></tr></table>`
    for (let i = 0; i < 30; i++) raw += `<FS2><right>r${i}</right></FS2>`
    const { markup, converted } = enforceTagLimit(raw, 32)
    expect(converted).toBe(5 + 5 + 5)
    expect(countTagUses(markup)).toEqual({ table: 1, center: 25, right: 25, LR: 25 })
    expect(previewLines(markup, { columns: 32 })).toEqual(previewLinesUnlimited(raw))
  })

  it("leaves markup within the limit untouched", () => {
    const raw = "<center>a</center>".repeat(25)
    expect(enforceTagLimit(raw, 32)).toEqual({ markup: raw, converted: 0 })
  })
})

/** What the markup would print if the printer had no 25-use limit. */
function previewLinesUnlimited(markup: string): string[] {
  return layoutMarkup(markup, { columns: 32, tagUseLimit: Infinity }).lines.map((l) => lineText(l, 32))
}

describe("splitting long content into prints", () => {
  const body = () => {
    const b = new MarkupBuilder(32)
    b.center("店名", { size: "FS2" })
    for (let i = 0; i < 120; i++) b.text(`第 ${i} 行 宫保鸡丁（大份）`, { bold: i % 2 === 0 })
    b.raw("<FB>")
    for (let i = 0; i < 40; i++) b.raw(`bold line ${i}\n`)
    b.raw("</FB><table>")
    for (let i = 0; i < 60; i++) b.raw(`<tr><td>菜 ${i}</td><td>x1</td><td>${i}.00</td></tr>`)
    b.raw("</table>")
    return b.toString()
  }

  it("each part stays under the limit, starts with its prefix, and together they print the same lines", () => {
    const markup = body()
    const parts = splitMarkup(markup, 800, (i, n) => `<MN>2</MN>P${i + 1}/${n}\n`)
    expect(parts.length).toBeGreaterThan(3)
    const joined: string[] = []
    parts.forEach((part, i) => {
      expect(part.length).toBeLessThanOrEqual(800)
      expect(part.startsWith(`<MN>2</MN>P${i + 1}/${parts.length}\n`)).toBe(true)
      expect(printRuleViolations(part, 32, 800)).toEqual([])
      joined.push(...previewLines(part, { columns: 32 }).slice(1))
    })
    expect(joined).toEqual(previewLines(markup, { columns: 32 }))
  })

  it("returns one part when it fits", () => {
    expect(splitMarkup("abc", 100, () => "<MN>2</MN>")).toEqual(["<MN>2</MN>abc"])
  })

  it("cuts a very long line of text when nothing better exists", () => {
    const parts = splitMarkup("x".repeat(3000), 1000, () => "")
    expect(parts.join("")).toBe("x".repeat(3000))
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1000)
  })

  it("refuses to cut inside an LR, QR or table cell", () => {
    expect(() => splitMarkup(`<QR>${"x".repeat(2000)}</QR>`, 1000, () => "")).toThrow(/longer than/)
  })
})

describe("builder tables", () => {
  const rows = [
    ["宫保鸡丁（大份，微辣）加饭", "x2", "￥76.00"],
    ["Classic <FS2>Burger</FS2>\nwith fries", "x1", "$12.50", "A"],
  ]

  it("cells are safe single lines; after 25 tables the padded rows print the same", () => {
    const tagged = new MarkupBuilder(32).table(rows).toString()
    expect(tagged).toBe(
      "<table><tr><td>宫保鸡丁（大份，微辣）加饭</td><td>x2</td><td>￥76.00</td></tr>" +
        "<tr><td>Classic ＜FS2＞Burger＜/FS2＞ with fries</td><td>x1</td><td>$12.50</td><td>A</td></tr></table>",
    )
    const padded = new MarkupBuilder(32, { tagUseLimit: 0 }).table(rows).toString()
    expect(padded).not.toContain("<table>")
    expect(previewLines(padded, { columns: 32 })).toEqual(previewLines(tagged, { columns: 32 }))
    expect(() => new MarkupBuilder(32).table([["a", "b"]])).toThrow(/3 or 4 cells/)
  })
})
