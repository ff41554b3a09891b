import { safeCodeData, safeLine, safeText } from "../safe-text"
import { PLACEHOLDER } from "../width"

describe("safeText", () => {
  it("neutralises tags: < and > become full-width", () => {
    expect(safeText("<FS2>big</FS2><MN>9</MN>")).toBe("＜FS2＞big＜/FS2＞＜MN＞9＜/MN＞")
  })

  it("drops control characters and turns line breaks into spaces unless asked to keep them", () => {
    expect(safeText("a\r\nb\nc\rd\u2028e\u0007f\tg")).toBe("a b c d ef g")
    expect(safeText("a\r\nb\nc", { keepNewlines: true })).toBe("a\nb\nc")
  })

  it("replaces commas only where they separate fields", () => {
    expect(safeText("a, b")).toBe("a, b")
    expect(safeText("a, b", { commas: true })).toBe("a， b")
  })

  it("breaks @@ so text never enlarges a line", () => {
    expect(safeText("@@2 big")).toBe("@＠2 big")
    expect(safeText("mail@example.com")).toBe("mail@example.com")
  })

  it("replaces emoji with one placeholder per sequence", () => {
    expect(safeText("hi😀")).toBe(`hi${PLACEHOLDER}`)
    expect(safeText("👨‍👩‍👧 family")).toBe(`${PLACEHOLDER} family`)
    expect(safeText("👍🏽")).toBe(PLACEHOLDER)
    expect(safeText("🇨🇳🇺🇸")).toBe(PLACEHOLDER + PLACEHOLDER)
    expect(safeText("❤️")).toBe(PLACEHOLDER)
  })

  it("folds what has a readable printable form", () => {
    expect(safeText("Café Müller Straße Øresund ñ")).toBe("Cafe Muller Strasse Oresund n")
    expect(safeText("¥100 £5 €3 ©")).toBe("￥100 ￡5 EUR3 (C)")
    expect(safeText("e\u0301")).toBe("e") // combining accent composed, then folded
    expect(safeText("a\u00a0b")).toBe("a b")
  })

  it("keeps CJK, Cyrillic, Greek and full-width text as it is", () => {
    const text = "宫保鸡丁（大份）Привет αβγ ＡＢＣ カナ"
    expect(safeText(text)).toBe(text)
  })

  it("accepts any value (metadata) and returns a string", () => {
    expect(safeText(undefined)).toBe("")
    expect(safeText(null)).toBe("")
    expect(safeText(42)).toBe("42")
    expect(safeText(true)).toBe("true")
  })

  it("safeLine collapses spaces and trims", () => {
    expect(safeLine("  a \n\n b  ")).toBe("a b")
    expect(safeLine("\u200b\ufe0f")).toBe("")
  })

  it("safeCodeData keeps a URL working and cannot close the tag", () => {
    expect(safeCodeData("https://x.cn/a?b=<c>&d=订单")).toBe("https://x.cn/a?b=%3Cc%3E&d=%E8%AE%A2%E5%8D%95")
    expect(safeCodeData(" 123\n")).toBe("123")
  })
})
