import { GBK_DOUBLE_BYTE_RANGES } from "./gbk-ranges"

/**
 * Column widths as the printer counts them (reference §5.1): the printer receives GBK, one column per
 * byte — ASCII 1, every double-byte GBK character 2 (CJK, full-width forms, kana, Greek, Cyrillic,
 * box drawing…). Marks that take no room count 0. Anything GBK cannot encode is not printable.
 *
 * Enlarged text is measured in print-head dots: a 58 mm head is 384 dots = 32 columns × 12 dots.
 * ×1.33 (FW/FS) makes a column 16 dots, ×2 (FW2/FS2) 24 dots, which reproduces the reference's
 * worked example ("您好" = 4 columns, 6 inside FS, 8 inside FS2).
 */
export const DOTS_PER_COLUMN = 12

/** Dots one base column takes at a horizontal scale: normal, ×1.33 (FW/FS), ×2 (FW2/FS2). */
export type ColumnDots = 12 | 16 | 24

/** What the printer does with one code point (numbers: the columns it takes when positive). */
export const CharClass = {
  /** takes no room and is not sent (combining and zero-width marks) */
  ZeroWidth: 0,
  Narrow: 1,
  Wide: 2,
  /** GBK cannot encode it (emoji, most symbols): must be replaced before sending */
  Unprintable: -1,
  /** control characters other than the line breaks and tab the markup uses */
  Control: -2,
} as const
export type CharClass = (typeof CharClass)[keyof typeof CharClass]

/**
 * The visible stand-in for characters the printer cannot print. "□" (U+25A1) is itself in GBK
 * (A1F5), looks like the usual "missing glyph" box, and cannot be mistaken for a real "?".
 */
export const PLACEHOLDER = "□"
export const PLACEHOLDER_COLUMNS = 2

function inGbkDoubleByte(cp: number): boolean {
  const ranges = GBK_DOUBLE_BYTE_RANGES
  let lo = 0
  let hi = ranges.length / 2 - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (cp < ranges[mid * 2]) hi = mid - 1
    else if (cp > ranges[mid * 2 + 1]) lo = mid + 1
    else return true
  }
  return false
}

/** Zero-width marks: combining diacritics, joiners, variation selectors, BOM, emoji modifiers. */
export function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  )
}

/** Classifies one code point. Hot path: ASCII and the main CJK block answer without a search. */
export function classifyCodePoint(cp: number): CharClass {
  if (cp < 0x80) return cp >= 0x20 && cp !== 0x7f ? CharClass.Narrow : CharClass.Control
  if (cp >= 0x4e00 && cp <= 0x9fa5) return CharClass.Wide
  if (cp < 0xa0) return CharClass.Control
  if (cp === 0x2028 || cp === 0x2029) return CharClass.Control
  if (isZeroWidth(cp)) return CharClass.ZeroWidth
  if (cp <= 0xffff && inGbkDoubleByte(cp)) return CharClass.Wide
  return CharClass.Unprintable
}

/** Columns one code point takes once sent: unprintable ones count as the placeholder that replaces them. */
export function codePointColumns(cp: number): number {
  const cls = classifyCodePoint(cp)
  if (cls === CharClass.Unprintable) return PLACEHOLDER_COLUMNS
  return cls > 0 ? cls : 0
}

/** GBK columns of a piece of text (line breaks and tabs count 0; see the layout for tab stops). */
export function textColumns(text: string): number {
  let cols = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x7f) cols++
      continue
    }
    if (c >= 0x4e00 && c <= 0x9fa5) {
      cols += 2
      continue
    }
    let cp = c
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      cp = text.codePointAt(i) as number
      if (cp > 0xffff) i++
    }
    cols += codePointColumns(cp)
  }
  return cols
}

/** Dots a text takes at a given scale. */
export function textDots(text: string, dots: ColumnDots = 12): number {
  return textColumns(text) * dots
}

/**
 * Columns (normal-size, rounded up) that text occupies when printed at a scale — the number a
 * hand-centred line must subtract: "您好" is 4, 6 inside FS, 8 inside FS2 (reference §5.1).
 */
export function scaledColumns(text: string, dots: ColumnDots = 12): number {
  return Math.ceil(textDots(text, dots) / DOTS_PER_COLUMN)
}

/**
 * Normal-size spaces that centre text printed at a scale on a line of `columns`, as the reference's
 * worked example counts them: on 58 mm "您好" gets 14, 13 inside FS, 12 inside FS2.
 */
export function centerPadColumns(text: string, columns: number, dots: ColumnDots = 12): number {
  return Math.max(0, Math.floor((columns * DOTS_PER_COLUMN - textDots(text, dots)) / 2 / DOTS_PER_COLUMN))
}
