import type { ModelProfile } from "./profiles"
import { safeCodeData, safeLine, safeText } from "./safe-text"
import { closeTags, type LimitedTag, openTags, type StyleTag, TAG_USE_LIMIT } from "./tags"
import { type ColumnDots, DOTS_PER_COLUMN, textColumns } from "./width"
import { tableColumnWidths } from "./layout-blocks"
import { capacityColumns, hardWrap, wrapText } from "./wrap"

/** A size tag (one of the printer's) and bold. */
export interface TextStyle {
  size?: Exclude<StyleTag, "FB">
  bold?: boolean
}

export interface TextOptions {
  /** columns of indentation (in the style's own units) for every line */
  indent?: number
  /** columns by which lines after the first are indented (e.g. under "2 × ") */
  hanging?: number
  /** keep line breaks of multi-line text (notes) */
  keepNewlines?: boolean
}

const dotsOf = (style?: TextStyle): ColumnDots =>
  style?.size === "FS2" || style?.size === "FW2" ? 24 : style?.size === "FS" || style?.size === "FW" ? 16 : 12

const tagsOf = (style?: TextStyle): StyleTag[] => {
  const tags: StyleTag[] = []
  if (style?.size) tags.push(style.size)
  if (style?.bold) tags.push("FB")
  return tags
}

/**
 * Writes receipt markup line by line. Every string handed to it is treated as untrusted and goes
 * through `safeText`, so a template built on it cannot be injected. Its rules:
 *  - every call ends its line(s): a line that fills the paper exactly gets no "\n" (the printer
 *    wraps by itself, and a "\n" there could feed a blank line — see layout.ts);
 *  - text is wrapped here, by GBK columns at the style's scale, so the printer never wraps;
 *  - each call writes the same tags whatever the text's length (one style wrapper per call), and
 *    table/center/right/LR are used 25 times at most — after that, padded lines that print the same.
 */
export class MarkupBuilder {
  readonly columns: number
  private readonly out: string[] = []
  private readonly uses: Record<LimitedTag, number> = { table: 0, center: 0, right: 0, LR: 0 }
  private readonly limit: number
  private readonly profile?: ModelProfile

  constructor(profileOrColumns: ModelProfile | number, options: { tagUseLimit?: number } = {}) {
    if (typeof profileOrColumns === "number") this.columns = profileOrColumns
    else {
      this.profile = profileOrColumns
      this.columns = profileOrColumns.columns
    }
    this.limit = options.tagUseLimit ?? TAG_USE_LIMIT
  }

  /** Base columns of text one line holds at a style (58 mm: 32 normal, 24 in FS, 16 in FS2). */
  capacity(style?: TextStyle): number {
    return capacityColumns(this.columns, dotsOf(style))
  }

  private get lineDots(): number {
    return this.columns * DOTS_PER_COLUMN
  }

  /** Joins lines, leaving out the "\n" after a line that fills the paper exactly. */
  private joinLines(lines: string[], dots: ColumnDots, terminateLast: boolean): string {
    let s = ""
    lines.forEach((line, i) => {
      s += line
      // A line cannot be full if even all-wide characters would not fill it (skips most counting).
      const full = line.length * 2 * dots >= this.lineDots && textColumns(line) * dots >= this.lineDots
      if (!full && (terminateLast || i < lines.length - 1)) s += "\n"
    })
    return s
  }

  private take(tag: LimitedTag): boolean {
    if (this.uses[tag] >= this.limit) return false
    this.uses[tag]++
    return true
  }

  private styled(style: TextStyle | undefined, inner: string): void {
    const tags = tagsOf(style)
    this.out.push(openTags(tags) + inner + closeTags(tags))
  }

  /** Left-aligned text, wrapped. Nothing is written when the text is empty. */
  text(value: unknown, style?: TextStyle, options: TextOptions = {}): this {
    const text = options.keepNewlines ? safeText(value, { keepNewlines: true }).trim() : safeLine(value)
    if (!text) return this
    const indent = Math.max(0, options.indent ?? 0)
    const hanging = Math.max(0, options.hanging ?? 0)
    const pad = " ".repeat(indent)
    const lines = wrapText(text, this.capacity(style) - indent - hanging).map(
      (l, i) => pad + (i > 0 && hanging ? " ".repeat(hanging) : "") + l,
    )
    this.styled(style, this.joinLines(lines, dotsOf(style), true))
    return this
  }

  /** Centred text (<center>, or padded lines once the 25 uses are spent). */
  center(value: unknown, style?: TextStyle): this {
    return this.aligned("center", value, style)
  }

  /** Right-aligned text (<right>, or padded lines once the 25 uses are spent). */
  right(value: unknown, style?: TextStyle): this {
    return this.aligned("right", value, style)
  }

  private aligned(tag: "center" | "right", value: unknown, style?: TextStyle): this {
    const text = safeLine(value)
    if (!text) return this
    const dots = dotsOf(style)
    const lines = wrapText(text, this.capacity(style))
    if (this.take(tag)) {
      this.styled(style, `<${tag}>${this.joinLines(lines, dots, false)}</${tag}>`)
      return this
    }
    // Same position the printer would choose, in spaces of the line's own size.
    const padded = lines.map((line) => {
      const free = this.lineDots - textColumns(line) * dots
      const padDots = tag === "center" ? Math.floor(free / 2) : free
      return " ".repeat(Math.floor(padDots / dots)) + line
    })
    this.styled(style, this.joinLines(padded, dots, true))
    return this
  }

  /**
   * Left and right on one line (<LR>): the right part (an amount) stays on the first line; the left
   * wraps in the room beside it, continuing on plain lines below. Commas become "，" in both parts.
   */
  lr(left: unknown, right: unknown, style?: TextStyle): this {
    const cap = this.capacity(style)
    let r = safeLine(right, { commas: true })
    if (textColumns(r) > cap - 4) r = wrapText(r, cap - 4)[0]
    const l = safeLine(left, { commas: true })
    const lines = l ? wrapText(l, cap - textColumns(r) - 1) : [""]
    const dots = dotsOf(style)
    const rest = lines.length > 1 ? this.joinLines(lines.slice(1), dots, true) : ""
    if (this.take("LR")) {
      this.styled(style, `<LR>${lines[0]},${r}</LR>${rest}`)
    } else {
      const gap = cap - textColumns(lines[0]) - textColumns(r)
      const first = lines[0] + " ".repeat(Math.max(1, gap)) + r
      this.styled(style, this.joinLines([first], dots, true) + rest)
    }
    return this
  }

  /**
   * Like `lr` but always as a padded line, no tag: the text keeps its commas and spends none of the
   * 25 <LR> uses. Exact, because the padding is counted in the printer's own GBK columns.
   */
  justify(left: unknown, right: unknown, style?: TextStyle): this {
    const cap = this.capacity(style)
    let r = safeLine(right)
    let rightCols = textColumns(r)
    if (rightCols > cap - 4) {
      r = wrapText(r, cap - 4)[0]
      rightCols = textColumns(r)
    }
    const l = safeLine(left)
    const lines = l ? wrapText(l, cap - rightCols - 1) : [""]
    const first = lines[0] + " ".repeat(Math.max(1, cap - textColumns(lines[0]) - rightCols)) + r
    this.styled(style, this.joinLines([first, ...lines.slice(1)], dotsOf(style), true))
    return this
  }

  /**
   * A <table> of 3 or 4 columns per row (reference §5.2). Cells are single lines of safe text (no
   * line breaks, no tags); the printer wraps a long cell inside its column. Once the 25 uses are
   * spent, the rows are written as padded lines laid out the way the preview lays out a table
   * (first column half the line — the firmware's split is undocumented, see layout-blocks.ts).
   */
  table(rows: unknown[][], style?: TextStyle): this {
    const clean = rows.map((row) => row.map((cell) => safeLine(cell)))
    for (const row of clean) {
      if (row.length < 3 || row.length > 4) throw new Error(`A receipt table row has 3 or 4 cells, not ${row.length}.`)
    }
    if (clean.length === 0) return this
    if (this.take("table")) {
      const body = clean.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")
      this.styled(style, `<table>${body}</table>`)
      return this
    }
    const dots = dotsOf(style)
    const out: string[] = []
    for (const row of clean) {
      const widths = tableColumnWidths(row.length, this.capacity(style))
      const cells = row.map((cell, i) => hardWrap(cell, widths[i] - (i < row.length - 1 ? 1 : 0)))
      const height = Math.max(...cells.map((c) => c.length))
      for (let l = 0; l < height; l++) {
        let line = ""
        cells.forEach((cell, i) => {
          const text = cell[l] ?? ""
          line += i < row.length - 1 ? text + " ".repeat(widths[i] - textColumns(text)) : text
        })
        out.push(line.replace(/ +$/, ""))
      }
    }
    this.styled(style, this.joinLines(out, dots, true))
    return this
  }

  /** A full-width rule; it fills the line, so no "\n" follows (reference's own demo does the same). */
  rule(char = "-"): this {
    const c = safeLine(char) || "-"
    const cols = textColumns(c)
    this.out.push(c.repeat(Math.max(1, Math.floor(this.columns / cols))) + (this.columns % cols ? "\n" : ""))
    return this
  }

  blank(count = 1): this {
    this.out.push("\n".repeat(count))
    return this
  }

  /** A QR code when the model prints them and the data fits (≤ 192 characters); returns whether it was written. */
  qr(data: unknown): boolean {
    const value = safeCodeData(data)
    if (!value || value.length > 192 || (this.profile && !this.profile.supports.QR)) return false
    this.out.push(`<QR>${value}</QR>`)
    return true
  }

  /** Trusted markup, as is — for store templates that write their own tags. */
  raw(markup: string): this {
    this.out.push(markup)
    return this
  }

  /** How many table/center/right/LR tags have been written so far. */
  tagUses(): Readonly<Record<LimitedTag, number>> {
    return this.uses
  }

  toString(): string {
    return this.out.join("")
  }
}
