import type { Glyph } from "./layout-types"
import { CharClass, classifyCodePoint, DOTS_PER_COLUMN } from "./width"
import { wrapText } from "./wrap"

/** A glyph before it has a place on the line. */
export type CellGlyph = Omit<Glyph, "x">

const widthOf = (g: CellGlyph) => g.cols * g.dots

/** Flows glyphs into lines of `room` dots (a glyph is never split; a full line ends at once). */
function flow(glyphs: CellGlyph[], room: number): { lines: Glyph[][]; last: Glyph[]; x: number } {
  const lines: Glyph[][] = []
  let line: Glyph[] = []
  let x = 0
  for (const g of glyphs) {
    const w = widthOf(g)
    if (x + w > room && x > 0) {
      lines.push(line)
      line = []
      x = 0
    }
    line.push({ ...g, x })
    x += w
    if (x >= room) {
      lines.push(line)
      line = []
      x = 0
    }
  }
  return { lines, last: line, x }
}

/**
 * `<LR>left,right</LR>`: the first comma separates the parts. The left part flows from the left
 * edge; the right part ends at the right edge of the left part's last line when it fits there,
 * otherwise on a line of its own.
 */
export function layoutLR(glyphs: CellGlyph[], lineDots: number): Glyph[][] {
  const comma = glyphs.findIndex((g) => g.ch === ",")
  const left = comma >= 0 ? glyphs.slice(0, comma) : glyphs
  const right = comma >= 0 ? glyphs.slice(comma + 1) : []
  const { lines, last, x } = flow(left, lineDots)
  const rightWidth = right.reduce((sum, g) => sum + widthOf(g), 0)
  if (right.length === 0) {
    if (last.length) lines.push(last)
    return lines
  }
  if (rightWidth > lineDots) {
    if (last.length) lines.push(last)
    const wrapped = flow(right, lineDots)
    return [...lines, ...wrapped.lines, ...(wrapped.last.length ? [wrapped.last] : [])]
  }
  let line = last
  if (x + rightWidth > lineDots) {
    if (last.length) lines.push(last)
    line = []
  }
  let rx = lineDots - rightWidth
  for (const g of right) {
    line.push({ ...g, x: rx })
    rx += widthOf(g)
  }
  lines.push(line)
  return lines
}

/**
 * Column widths the preview assumes for a `<table>` row — the firmware's split is not documented
 * (GAP): the first column takes half the line (it holds the item name), the others share the rest
 * equally, the last one taking any remainder.
 */
export function tableColumnWidths(cells: number, columns: number): number[] {
  if (cells <= 1) return [columns]
  const first = Math.floor(columns / 2)
  const rest = columns - first
  const each = Math.floor(rest / (cells - 1))
  const widths = [first]
  for (let i = 1; i < cells; i++) widths.push(i === cells - 1 ? rest - each * (cells - 2) : each)
  return widths
}

/** One `<tr>`: each cell wraps inside its column (one column of gutter after all but the last). */
export function layoutTableRow(cells: CellGlyph[][], lineDots: number): Glyph[][] {
  if (cells.length === 0) return []
  const widths = tableColumnWidths(cells.length, Math.floor(lineDots / DOTS_PER_COLUMN))
  const cellLines: Glyph[][][] = []
  let offset = 0
  const offsets: number[] = []
  cells.forEach((cell, i) => {
    const last = i === cells.length - 1
    const room = (widths[i] - (last ? 0 : 1)) * DOTS_PER_COLUMN
    const { lines, last: tail } = flow(cell, Math.max(DOTS_PER_COLUMN, room))
    cellLines.push(tail.length ? [...lines, tail] : lines)
    offsets.push(offset)
    offset += widths[i] * DOTS_PER_COLUMN
  })
  const height = Math.max(1, ...cellLines.map((l) => l.length))
  const out: Glyph[][] = []
  for (let row = 0; row < height; row++) {
    const line: Glyph[] = []
    cellLines.forEach((lines, i) => {
      for (const g of lines[row] ?? []) line.push({ ...g, x: g.x + offsets[i] })
    })
    out.push(line)
  }
  return out
}

function plainGlyphs(text: string): CellGlyph[] {
  const out: CellGlyph[] = []
  for (const ch of text) {
    const wide = classifyCodePoint(ch.codePointAt(0) as number) === CharClass.Wide
    out.push({ ch, cols: wide ? 2 : 1, dots: 12, bold: false, tall: 1 })
  }
  return out
}

/**
 * QR codes and barcodes are fixed-size images the printer centres (reference §5.1); the preview
 * shows a centred "[QR]" (or barcode name) line and the data under it, centred, and checks the
 * documented limits.
 */
export function codeLines(tag: string, data: string, lineDots: number): { lines: Glyph[][]; warning?: string } {
  let label: string
  let warning: string | undefined
  if (tag === "QR") {
    label = "QR"
    if (data.length > 192) warning = "QR content longer than 192 characters is not printed reliably"
  } else if (tag === "BR") {
    label = "EAN-13"
    if (!/^\d{0,13}$/.test(data)) warning = "<BR> takes up to 13 digits (EAN-13)"
    else data = data.padStart(13, "0")
  } else if (tag === "BR2") {
    label = "Code128"
    if (data.length > 14) warning = "<BR2> (Code128B) takes at most 14 characters"
  } else {
    label = "Code128C"
    if (!/^\d+$/.test(data) || data.length > (data.length % 2 ? 25 : 28)) {
      warning = "<BR3> (Code128C) takes digits only: at most 25 (odd) or 28 (even)"
    }
  }
  const columns = Math.floor(lineDots / DOTS_PER_COLUMN)
  const texts = [`[${label}]`, ...(data ? wrapText(data, columns) : [])]
  const lines = texts.map((text) => {
    const glyphs = plainGlyphs(text)
    const width = glyphs.reduce((sum, g) => sum + widthOf(g), 0)
    let x = Math.floor((lineDots - width) / 2)
    return glyphs.map((g) => {
      const placed = { ...g, x }
      x += widthOf(g)
      return placed
    })
  })
  return { lines, warning }
}
