import { layoutMarkup } from "../layout"
import { previewLines } from "../preview"
import {
  CharClass, centerPadColumns, classifyCodePoint, PLACEHOLDER, scaledColumns, textColumns,
} from "../width"

describe("GBK column width", () => {
  it("counts ASCII as 1 and CJK, full-width forms, kana, Greek and Cyrillic as 2 (GBK bytes)", () => {
    expect(textColumns("Hello, 123!")).toBe(11)
    expect(textColumns("宫保鸡丁")).toBe(8)
    expect(textColumns("（大份，微辣）")).toBe(14)
    expect(textColumns("ＡＢＣ￥")).toBe(8)
    expect(textColumns("カタカナひらがな")).toBe(16)
    expect(textColumns("Привет")).toBe(12) // Cyrillic is double-byte in GBK
    expect(textColumns("αβγ")).toBe(6)
    expect(textColumns("─│┌")).toBe(6)
    expect(textColumns("欧阳·娜娜")).toBe(10) // the middle dot is GBK A1A4, double width
  })

  it("counts zero-width marks as 0 and unprintable characters as the placeholder that replaces them", () => {
    expect(textColumns("a\u0301b\u200bc\ufe0f")).toBe(3)
    expect(textColumns("😀")).toBe(textColumns(PLACEHOLDER))
    expect(classifyCodePoint("😀".codePointAt(0) as number)).toBe(CharClass.Unprintable)
    expect(classifyCodePoint(0x20ac)).toBe(CharClass.Unprintable) // € is not in GBK proper
    expect(classifyCodePoint(0x00a5)).toBe(CharClass.Unprintable) // ¥ only exists as full-width ￥
    expect(classifyCodePoint(0xffe5)).toBe(CharClass.Wide)
    expect(classifyCodePoint(0x0a)).toBe(CharClass.Control)
  })

  describe("reference §5.1 worked example: hand-centring 您好 on 58 mm", () => {
    it("pads 14 normally, 13 inside <FS> (counts as 6), 12 inside <FS2> (counts as 8)", () => {
      expect(scaledColumns("您好", 12)).toBe(4)
      expect(scaledColumns("您好", 16)).toBe(6)
      expect(scaledColumns("您好", 24)).toBe(8)
      expect(centerPadColumns("您好", 32, 12)).toBe(14)
      expect(centerPadColumns("您好", 32, 16)).toBe(13)
      expect(centerPadColumns("您好", 32, 24)).toBe(12)
    })

    it("the layout engine puts the centred text at the same column", () => {
      const lines = previewLines("<center>您好</center><FS><center>您好</center></FS><FS2><center>您好</center></FS2>", { columns: 32 })
      expect(lines.map((l) => l.indexOf("您"))).toEqual([14, 13, 12])
    })

    it("FW2/FS2 text takes twice its width; a line holds 16 columns of it", () => {
      const layout = layoutMarkup("<FS2>" + "中".repeat(9) + "</FS2>", { columns: 32 })
      expect(layout.lines.map((l) => l.glyphs.length)).toEqual([8, 1])
      expect(previewLines("<FW2>AB</FW2>", { columns: 32 })).toEqual(["A B"])
    })
  })
})
