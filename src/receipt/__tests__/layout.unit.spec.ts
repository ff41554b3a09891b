import { layoutMarkup } from "../layout"
import { previewHtml, previewLayout, previewLines } from "../preview"

const lines = (markup: string, columns = 32) => previewLines(markup, { columns })

describe("layout engine (what the paper shows)", () => {
  it("wraps at the column width and prints a full line at once: a \\n right after it feeds a blank line", () => {
    expect(lines("-".repeat(32) + "next")).toEqual(["-".repeat(32), "next"])
    expect(lines("-".repeat(32) + "\nnext")).toEqual(["-".repeat(32), "", "next"])
    expect(lines("a".repeat(40))).toEqual(["a".repeat(32), "a".repeat(8)])
  })

  it("never splits a double-width character across lines", () => {
    expect(lines("a" + "中".repeat(16))).toEqual(["a" + "中".repeat(15), "中"])
  })

  it("blocks start on a fresh line and their closing tag ends it", () => {
    expect(lines("ab<center>mid</center>cd")).toEqual(["ab", "              mid", "cd"])
    expect(lines("<right>r</right>")).toEqual([" ".repeat(31) + "r"])
  })

  it("<LR> puts the right part at the right edge, on its own line when the left part is too long", () => {
    expect(lines("<LR>小计,￥12.00</LR>")).toEqual(["小计" + " ".repeat(21) + "￥12.00"])
    expect(lines("<LR>" + "x".repeat(28) + ",12.00</LR>")).toEqual(["x".repeat(28), " ".repeat(27) + "12.00"])
    expect(lines("<LR>a,b,c</LR>")).toEqual(["a" + " ".repeat(28) + "b,c"]) // the first comma splits
  })

  it("<table>: first column half the line, the others share the rest; cells wrap inside their column", () => {
    const out = lines("<table><tr><td>宫保鸡丁（大份）加饭</td><td>x2</td><td>76.00</td></tr></table>")
    // column 1 holds 15 columns (16 minus a gutter); the printer has no line-start rule for "）"
    expect(out).toEqual(["宫保鸡丁（大份  x2      76.00", "）加饭"])
  })

  it("QR codes and barcodes show as centred stand-ins with their data", () => {
    expect(lines("<QR>https://a.cn/1</QR>")).toEqual(["              [QR]", "         https://a.cn/1"])
    expect(lines("<BR>123</BR>")).toEqual(["            [EAN-13]", "         0000000000123"])
  })

  it("tabs align to 4-column stops", () => {
    expect(lines("a\tb\tc")).toEqual(["a   b   c"])
  })

  it("unknown tags print literally", () => {
    expect(lines("<b>x</b><fs2>y</fs2>")).toEqual(["<b>x</b><fs2>y</fs2>"])
  })

  it("control tags count only at the very start; later they print as text", () => {
    const layout = layoutMarkup("<MN>2</MN><MS>1,3</MS>hello<MN>3</MN>", { columns: 32 })
    expect(layout.controls).toEqual([{ name: "MN", value: "2" }, { name: "MS", value: "1,3" }])
    expect(previewLines("<MN>2</MN><MS>1,3</MS>hello<MN>3</MN>", { columns: 32 })).toEqual(["hello<MN>3</MN>"])
    expect(layout.warnings.join()).toMatch(/very start/)
  })

  it("the 26th <center> in a print is not parsed: its tags print literally", () => {
    const markup = "<center>c</center>".repeat(26)
    const out = lines(markup)
    expect(out).toHaveLength(26)
    expect(out[24]).toBe("               c")
    expect(out[25]).toBe("<center>c</center>")
    expect(layoutMarkup(markup, { columns: 32 }).uses.center).toBe(25)
  })

  it("a voice tag the model or firmware lacks shows literally in the preview, as on paper", () => {
    expect(previewLines("<VN>2</VN>hello", { model: "K4" })).toEqual(["<VN>2</VN>hello"])
    expect(previewLines("<VN>2</VN>hello", { model: "K4", firmware: "a7" })).toEqual(["<VN>2</VN>hello"])
    expect(previewLines("<VN>2</VN>hello", { model: "K4", firmware: "a8.5.0" })).toEqual(["hello"])
    expect(previewLines("<VN>2</VN>hello", { model: "K8" })).toEqual(["hello"])
    expect(previewLines("<audio>hi,5,0</audio>ok", { model: "K4-WAD" })).toEqual(["ok"])
    expect(previewLines("<audio>hi,5,0</audio>ok", { model: "K4-WAD", firmware: "a8.5.0" })).toEqual(["<audio>hi,5,0</audio>ok"])
    expect(previewLines("<audio>hi,5,0</audio>ok", { model: "K6" })).toEqual(["<audio>hi,5,0</audio>ok"])
    expect(previewLayout("<VN>2</VN>hello", { model: "K4" }).warnings.join()).toMatch(/does not know <VN>/)
    // Without a model nothing is assumed; the switch turns it off.
    expect(previewLines("<VN>2</VN>hello", { columns: 32 })).toEqual(["hello"])
    expect(previewLines("<VN>2</VN>hello", { model: "K4", literalUnsupported: false })).toEqual(["hello"])
  })

  it("@@2 at a line start enlarges that line only", () => {
    expect(lines("@@2AB\nAB")).toEqual(["A B", "AB"])
  })

  it("characters outside GBK print as ? with a warning", () => {
    const layout = layoutMarkup("a😀b", { columns: 32 })
    expect(previewLines("a😀b", { columns: 32 })).toEqual(["a?b"])
    expect(layout.warnings.join()).toMatch(/safeText/)
  })

  it("columns come from the model and paper when not given", () => {
    expect(previewLines("<right>x</right>", { model: "K4", paperWidth: 80 })[0]).toHaveLength(48)
    expect(previewLines("<right>x</right>", { model: "mystery" })[0]).toHaveLength(32)
  })
})

describe("previewHtml", () => {
  it("escapes text, marks bold and draws every glyph on the column grid at its exact width", () => {
    const html = previewHtml("<FB>a&b</FB><FS2>大</FS2>", { columns: 32 })
    // "&" is the second glyph: column 1 = 12 dots (+ the 12-dot margin), one column wide
    expect(html).toMatch(/<text x="24" y="[\d.]+" font-size="24" textLength="12" lengthAdjust="spacingAndGlyphs" font-weight="700">&amp;<\/text>/)
    // ×2 both ways: a wide glyph of FS2 takes 4 columns (48 dots) and is twice as tall
    expect(html).toMatch(/font-size="48" textLength="48" lengthAdjust="spacingAndGlyphs">大</)
    expect(html).toContain('data-columns="32"')
    expect(previewHtml("x", { includeStyles: false })).not.toContain("<style>")
  })

  it("ends a full rule and a right-aligned amount exactly at the paper's edge", () => {
    const html = previewHtml("<right>合计 ￥89.50</right>" + "-".repeat(32), { columns: 32 })
    const ends = [...html.matchAll(/<text x="([\d.]+)"[^>]* textLength="(\d+)"/g)].map((m) => Number(m[1]) + Number(m[2]))
    expect(Math.max(...ends)).toBe(12 + 32 * 12)
    expect(ends.filter((e) => e === 12 + 32 * 12)).toHaveLength(2) // the amount's last digit and the rule's last dash
    expect(html).toContain('viewBox="0 0 408 ')
  })
})
