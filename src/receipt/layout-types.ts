import type { ColumnDots } from "./width"
import type { LimitedTag, StyleTag } from "./tags"

/** One printed character: where it lands (dots from the left edge) and how it is drawn. */
export interface Glyph {
  /** left edge in print-head dots (12 per normal column) */
  x: number
  ch: string
  /** base columns: 1 or 2 */
  cols: number
  /** dots per base column: 12 normal, 16 for ×1.33 (FW/FS), 24 for ×2 (FW2/FS2) */
  dots: ColumnDots
  bold: boolean
  /** height factor: 1, 1.33 (FH/FS) or 2 (FH2/FS2) */
  tall: number
}

export interface PaperLine {
  glyphs: Glyph[]
  /** a text line, or the stand-in for a QR code / barcode image */
  kind: "text" | "qr" | "barcode"
  /** tallest glyph on the line (1 when empty) */
  tall: number
}

/** Where a table/center/right/LR block sits, so an over-limit one can be replaced by padded lines. */
export interface LayoutBlock {
  tag: LimitedTag
  /** token indexes of the opening and closing tag (close = tokens.length when unclosed) */
  openToken: number
  closeToken: number
  /** the size/bold tags open around the block, outermost first */
  styles: StyleTag[]
  /** true when the block began on an empty line (nothing had to be broken off first) */
  atLineStart: boolean
  /** the lines the block printed: lines[firstLine, endLine) */
  firstLine: number
  endLine: number
}

export interface ControlValue {
  name: string
  value: string
}

export interface Layout {
  columns: number
  lines: PaperLine[]
  /** control tags found at the very start (MN copies, MS sound, MC confirmation…) */
  controls: ControlValue[]
  /** things the printer would do differently from what the markup seems to ask */
  warnings: string[]
  /** how many table/center/right/LR tags were honoured */
  uses: Record<LimitedTag, number>
  blocks: LayoutBlock[]
}

export interface LayoutOptions {
  columns: number
  /** uses of each table/center/right/LR honoured per print; later ones print literally (default 25) */
  tagUseLimit?: number
  /** tags this model does not know (e.g. `literalVoiceTags(profile)`): they print as text */
  literalTags?: readonly string[]
}
