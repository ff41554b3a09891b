import fc from "fast-check"
import { textColumns } from "../width"
import { capacityColumns, centerColumns, justifyColumns, padEndColumns, padStartColumns, truncateColumns, wrapText } from "../wrap"

describe("wrapText", () => {
  it("wraps Latin at spaces and CJK between characters", () => {
    expect(wrapText("Classic Beef Burger with Cheddar", 16)).toEqual(["Classic Beef", "Burger with", "Cheddar"])
    expect(wrapText("宫保鸡丁宫保鸡丁宫保鸡丁", 10)).toEqual(["宫保鸡丁宫", "保鸡丁宫保", "鸡丁"])
  })

  it("never splits a double-width character: an odd width leaves the last column empty", () => {
    expect(wrapText("一二三四五六", 7)).toEqual(["一二三", "四五六"])
  })

  it("keeps closing punctuation off the start of a line", () => {
    expect(wrapText("一二三四，五", 8)).toEqual(["一二三", "四，五"])
  })

  it("breaks a word longer than the line", () => {
    expect(wrapText("https://shop.example.com/orders/1024", 16)).toEqual(["https://shop.exa", "mple.com/orders/", "1024"])
  })

  it("keeps paragraph breaks and leading indentation", () => {
    expect(wrapText("  a\nb", 10)).toEqual(["  a", "b"])
  })

  it("property: no line is wider than the width, and no text is lost", () => {
    const piece = fc.oneof(fc.constantFrom("中", "文", "，", "A", "b", " ", "ＡＢ", "Привет", "word"), fc.string({ maxLength: 5 }))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 2, max: 50 }), (parts, width) => {
        const text = parts.join("").replace(/[\n\r\t]/g, " ")
        const lines = wrapText(text, width)
        for (const line of lines) expect(textColumns(line)).toBeLessThanOrEqual(width)
        expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""))
      }),
      { numRuns: 2000, seed: 42 },
    )
  })
})

describe("padding and alignment by columns", () => {
  it("pads and aligns by GBK columns", () => {
    expect(padEndColumns("中a", 5)).toBe("中a  ")
    expect(padStartColumns("中a", 5)).toBe("  中a")
    expect(centerColumns("您好", 32)).toBe(" ".repeat(14) + "您好")
    expect(justifyColumns("小计", "￥12.00", 20)).toBe("小计" + " ".repeat(9) + "￥12.00")
    expect(truncateColumns("宫保鸡丁宫保鸡丁", 9)).toBe("宫保鸡…")
    expect(capacityColumns(32, 16)).toBe(24)
    expect(capacityColumns(48, 24)).toBe(24)
  })
})
