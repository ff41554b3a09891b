import { codeLines, layoutLR, layoutTableRow, type CellGlyph } from "./layout-blocks"
import type { ControlValue, Glyph, Layout, LayoutBlock, LayoutOptions, PaperLine } from "./layout-types"
import { type LimitedTag, type StyleTag, TAG_USE_LIMIT, type Token, tokenize } from "./tags"
import { CharClass, classifyCodePoint, type ColumnDots, DOTS_PER_COLUMN } from "./width"

const TAB_DOTS = 4 * DOTS_PER_COLUMN

/**
 * Lays markup out on paper the way the printer does (reference §5). The model, where the
 * reference is silent (GAP), is:
 *  - a line that fills exactly is printed at once, so a "\n" right after it feeds a blank line
 *    (the official demo writes full-width rules with no "\n" after them);
 *  - center/right/LR/table/QR/barcodes are blocks: they start on a fresh line and their closing
 *    tag ends the line, as the official demo relies on ("</center>" followed directly by text);
 *  - size tags scale glyphs: ×1.33 (FW/FS) = 16 dots per column, ×2 (FW2/FS2) = 24, 12 normal;
 *  - centring uses the printed width: pad = floor((line dots − text dots) / 2);
 *  - the 26th table/center/right/LR in a print is not parsed: its tags print literally;
 *  - control tags count only at the very start; elsewhere they print literally;
 *  - characters outside GBK print as "?" (what the cloud's GBK conversion substitutes).
 * Tables and LR follow `layout-blocks.ts`.
 */
export function layoutMarkup(markup: string, options: LayoutOptions): Layout {
  return new PaperPrinter(markup, options).run()
}

type Capture =
  | { kind: "LR"; glyphs: CellGlyph[] }
  | { kind: "table"; row: CellGlyph[][] | null; cell: CellGlyph[] | null }
  | { kind: "code"; tag: string; data: string }

class PaperPrinter {
  private readonly lineDots: number
  private readonly limit: number
  private readonly tokens: Token[]
  private readonly lines: PaperLine[] = []
  private readonly warnings = new Set<string>()
  private readonly controls: ControlValue[] = []
  private readonly blocks: LayoutBlock[] = []
  private readonly uses: Record<LimitedTag, number> = { table: 0, center: 0, right: 0, LR: 0 }
  private readonly literalOpen: Record<LimitedTag, number> = { table: 0, center: 0, right: 0, LR: 0 }
  private styles: StyleTag[] = []
  private cur: Glyph[] = []
  private curX = 0
  private align: "left" | "center" | "right" = "left"
  private lineEnlarged = false
  private capture: Capture | null = null
  private openBlock: LayoutBlock | null = null

  constructor(private readonly markup: string, private readonly options: LayoutOptions) {
    this.lineDots = Math.max(1, Math.floor(options.columns)) * DOTS_PER_COLUMN
    this.limit = options.tagUseLimit ?? TAG_USE_LIMIT
    const literal = options.literalTags?.length ? new Set(options.literalTags) : undefined
    this.tokens = tokenize(markup, literal)
    if (literal) {
      for (const name of literal) {
        if (markup.includes(`<${name}>`)) this.warnings.add(`this printer does not know <${name}>: it prints the tag as text`)
      }
    }
  }

  run(): Layout {
    let i = this.readControls()
    for (; i < this.tokens.length; i++) {
      const t = this.tokens[i]
      if (t.type === "text") this.text(t.text)
      else this.tag(t, i)
    }
    this.endCapture(this.tokens.length)
    this.breakLine()
    return {
      columns: this.options.columns,
      lines: this.lines,
      controls: this.controls,
      warnings: [...this.warnings],
      uses: this.uses,
      blocks: this.blocks,
    }
  }

  /** Consumes `<MN>2</MN><MS>1,2</MS>…` at the very start; returns the next token index. */
  private readControls(): number {
    let i = 0
    const t = this.tokens
    while (i + 2 < t.length) {
      const open = t[i]
      const body = t[i + 1]
      const close = t[i + 2]
      if (open.type !== "tag" || open.kind !== "control" || open.closing || open.start !== (i === 0 ? 0 : t[i - 1].end)) break
      if (body.type !== "text" || close.type !== "tag" || close.name !== open.name || !close.closing) break
      this.controls.push({ name: open.name, value: body.text })
      i += 3
    }
    return i
  }

  // The current glyph style, recomputed only when a size tag opens or closes (not per character).
  private style = { dots: 12 as ColumnDots, tall: 1, bold: false }

  private restyle(): void {
    let dots: ColumnDots = 12
    let tall = 1
    for (const s of this.styles) {
      if (s === "FW2" || s === "FS2") dots = 24
      else if ((s === "FW" || s === "FS") && dots === 12) dots = 16
      if (s === "FH2" || s === "FS2") tall = 2
      else if ((s === "FH" || s === "FS") && tall === 1) tall = 1.33
    }
    this.style = { dots, tall, bold: this.styles.includes("FB") }
  }

  private glyphFor(ch: string): CellGlyph | null {
    const cls = classifyCodePoint(ch.codePointAt(0) as number)
    if (cls === CharClass.ZeroWidth || cls === CharClass.Control) return null
    if (cls === CharClass.Unprintable) {
      this.warnings.add("characters outside GBK print as \"?\" — pass shop and customer text through safeText")
      ch = "?"
    }
    const cols = cls === CharClass.Wide ? 2 : 1
    // "@@2" enlarges the rest of its line to ×2.
    if (this.lineEnlarged) return { ch, cols, dots: 24, bold: this.style.bold, tall: 2 }
    return { ch, cols, dots: this.style.dots, bold: this.style.bold, tall: this.style.tall }
  }

  private text(text: string): void {
    const cap = this.capture
    if (cap?.kind === "code") {
      cap.data += text
      return
    }
    if (cap?.kind === "table" && !cap.cell) return // whitespace between rows and cells is not printed
    for (let i = 0; i < text.length; i++) {
      let ch = text[i]
      const code = text.charCodeAt(i)
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) ch = text.slice(i, ++i + 1)
      if (cap) {
        const target = cap.kind === "LR" ? cap.glyphs : (cap.cell as CellGlyph[])
        const g = this.glyphFor(ch === "\n" || ch === "\r" || ch === "\t" ? " " : ch)
        if (g) target.push(g)
        continue
      }
      if (ch === "\r" || ch === "\n") {
        if (ch === "\r" && text[i + 1] === "\n") i++
        this.emitLine()
        continue
      }
      if (ch === "\t") {
        const stop = (Math.floor(this.curX / TAB_DOTS) + 1) * TAB_DOTS
        if (stop >= this.lineDots) this.emitLine()
        else this.curX = stop
        continue
      }
      if (ch === "@" && this.cur.length === 0 && this.curX === 0 && text.startsWith("@@2", i)) {
        this.lineEnlarged = true // "@@2" at a line start enlarges that line (taken as ×2)
        i += 2
        continue
      }
      const g = this.glyphFor(ch)
      if (g) this.place(g)
    }
  }

  private place(g: CellGlyph): void {
    const width = g.cols * g.dots
    if (this.curX + width > this.lineDots && this.curX > 0) this.emitLine()
    this.cur.push({ x: this.curX, ch: g.ch, cols: g.cols, dots: g.dots, bold: g.bold, tall: g.tall })
    this.curX += width
    if (this.curX >= this.lineDots) this.emitLine()
  }

  /** Ends the current line (a blank one when nothing is on it). */
  private emitLine(): void {
    const used = this.curX
    const shift = this.align === "center" ? Math.floor((this.lineDots - used) / 2) : this.align === "right" ? this.lineDots - used : 0
    if (shift > 0) for (const g of this.cur) g.x += shift // the line's glyphs are ours alone
    this.pushLine(this.cur, "text")
    this.cur = []
    this.curX = 0
    this.lineEnlarged = false
  }

  private pushLine(glyphs: Glyph[], kind: PaperLine["kind"]): void {
    let tall = 1
    for (const g of glyphs) if (g.tall > tall) tall = g.tall
    this.lines.push({ glyphs, kind, tall })
  }

  /** Blocks start on a fresh line: print what is pending, if anything. */
  private breakLine(): void {
    if (this.cur.length > 0 || this.curX > 0) this.emitLine()
  }

  private tag(t: Extract<Token, { type: "tag" }>, index: number): void {
    const raw = this.markup.slice(t.start, t.end)
    switch (t.kind) {
      case "style":
        if (!t.closing) this.styles.push(t.name as StyleTag)
        else {
          const at = this.styles.lastIndexOf(t.name as StyleTag)
          if (at >= 0) this.styles.splice(at, 1)
        }
        this.restyle()
        return
      case "block":
        return this.block(t.name as LimitedTag, t.closing, index, raw)
      case "table-part":
        return this.tablePart(t.name, t.closing)
      case "code":
        if (this.capture && this.capture.kind !== "code") return
        if (!t.closing) {
          this.breakLine()
          this.capture = { kind: "code", tag: t.name, data: "" }
        } else if (this.capture?.kind === "code") this.endCapture(index)
        return
      case "control":
        this.warnings.add(`<${t.name}> is a control tag and only works at the very start of the content`)
        return this.text(raw)
      case "wrapper":
        this.warnings.add(`<${t.name}> content is shown undecoded`)
        return
    }
  }

  private block(name: LimitedTag, closing: boolean, index: number, raw: string): void {
    if (this.literalOpen[name] > 0 && closing) {
      this.literalOpen[name]--
      return this.text(raw)
    }
    if (!closing && this.uses[name] >= this.limit) {
      this.warnings.add(`more than ${this.limit} <${name}> in one print: the printer prints the rest literally`)
      this.literalOpen[name]++
      return this.text(raw)
    }
    if (this.capture) {
      if (closing && this.capture.kind === name) this.endCapture(index)
      return // blocks do not nest inside LR, tables or codes
    }
    if (!closing) {
      this.uses[name]++
      const atLineStart = this.cur.length === 0 && this.curX === 0
      this.breakLine()
      this.openBlock = {
        tag: name, openToken: index, closeToken: this.tokens.length, styles: [...this.styles],
        atLineStart, firstLine: this.lines.length, endLine: this.lines.length,
      }
      if (name === "center" || name === "right") this.align = name
      else if (name === "LR") this.capture = { kind: "LR", glyphs: [] }
      else this.capture = { kind: "table", row: null, cell: null }
    } else if (this.align === name) {
      this.breakLine()
      this.align = "left"
      this.closeBlock(index)
    }
  }

  private closeBlock(index: number): void {
    if (!this.openBlock) return
    this.openBlock.closeToken = index
    this.openBlock.endLine = this.lines.length
    this.blocks.push(this.openBlock)
    this.openBlock = null
  }

  private tablePart(name: string, closing: boolean): void {
    const cap = this.capture
    if (cap?.kind !== "table") return
    if (name === "tr") {
      if (!closing) cap.row = []
      else if (cap.row) {
        if (cap.cell) cap.row.push(cap.cell)
        for (const glyphs of layoutTableRow(cap.row, this.lineDots)) this.pushLine(glyphs, "text")
        cap.row = null
        cap.cell = null
      }
    } else if (!closing) cap.cell = cap.row ? [] : null
    else if (cap.cell && cap.row) {
      cap.row.push(cap.cell)
      cap.cell = null
    }
  }

  private endCapture(index: number): void {
    const cap = this.capture
    if (!cap) return
    this.capture = null
    if (cap.kind === "LR") {
      for (const glyphs of layoutLR(cap.glyphs, this.lineDots)) this.pushLine(glyphs, "text")
    } else if (cap.kind === "table") {
      if (cap.row) this.tablePart("tr", true)
    } else {
      const { lines, warning } = codeLines(cap.tag, cap.data, this.lineDots)
      if (warning) this.warnings.add(warning)
      for (const glyphs of lines) this.pushLine(glyphs, cap.tag === "QR" ? "qr" : "barcode")
      return
    }
    this.closeBlock(index)
  }
}
