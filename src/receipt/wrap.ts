import { codePointColumns, type ColumnDots, DOTS_PER_COLUMN, textColumns } from "./width"

/**
 * Wrapping and alignment by GBK columns. A double-width character is one unit: it is never split
 * and never overhangs the line. Latin words wrap at spaces; CJK text may break between any two
 * characters, except that closing punctuation never starts a line.
 */

/** How many base columns of text fit on a line of `columns` when printed at a scale (FS: 24 of 32). */
export function capacityColumns(columns: number, dots: ColumnDots = 12): number {
  return Math.floor((columns * DOTS_PER_COLUMN) / dots)
}

// Closing punctuation a line must not start with (a small kinsoku rule).
const NO_LINE_START = new Set("，。、；：？！）》」』】〕〉”’…%,.;:?!)]}".split(""))

type Piece = { text: string; cols: number; space: boolean; wide: boolean }

function pieces(paragraph: string): Piece[] {
  const out: Piece[] = []
  let word = ""
  let wordCols = 0
  let spaces = ""
  const flushWord = () => {
    if (word) out.push({ text: word, cols: wordCols, space: false, wide: false })
    word = ""
    wordCols = 0
  }
  const flushSpaces = () => {
    if (spaces) out.push({ text: spaces, cols: spaces.length, space: true, wide: false })
    spaces = ""
  }
  for (const ch of paragraph) {
    if (ch === " ") {
      flushWord()
      spaces += ch
      continue
    }
    flushSpaces()
    const cols = codePointColumns(ch.codePointAt(0) as number)
    if (cols >= 2) {
      flushWord()
      out.push({ text: ch, cols, space: false, wide: true })
    } else {
      word += ch
      wordCols += cols
    }
  }
  flushWord()
  flushSpaces()
  return out
}

/** Splits a word that is wider than a line into line-sized chunks. */
function hardBreak(piece: Piece, width: number): Piece[] {
  const chunks: Piece[] = []
  let text = ""
  let cols = 0
  for (const ch of piece.text) {
    const c = codePointColumns(ch.codePointAt(0) as number)
    if (cols + c > width && text) {
      chunks.push({ text, cols, space: false, wide: false })
      text = ""
      cols = 0
    }
    text += ch
    cols += c
  }
  if (text) chunks.push({ text, cols, space: false, wide: false })
  return chunks
}

/**
 * Wraps text into lines of at most `width` columns. "\n" starts a new line; spaces at a wrap point
 * are dropped; leading spaces of a paragraph (indentation) are kept.
 */
export function wrapText(text: string, width: number): string[] {
  const safeWidth = Math.max(2, Math.floor(width))
  // Most receipt lines fit as they are.
  if (text.indexOf("\n") === -1 && (text.length * 2 <= safeWidth || textColumns(text) <= safeWidth)) {
    return [text.endsWith(" ") ? text.replace(/ +$/, "") : text]
  }
  const lines: string[] = []
  for (const paragraph of text.split("\n")) {
    let line: Piece[] = []
    let lineCols = 0
    const breakLine = () => {
      while (line.length && line[line.length - 1].space) lineCols -= (line.pop() as Piece).cols
      lines.push(line.map((p) => p.text).join(""))
      line = []
      lineCols = 0
    }
    const queue = pieces(paragraph)
    for (let i = 0; i < queue.length; i++) {
      const piece = queue[i]
      if (lineCols + piece.cols <= safeWidth) {
        line.push(piece)
        lineCols += piece.cols
        continue
      }
      if (piece.space) {
        breakLine()
        continue
      }
      if (piece.cols > safeWidth) {
        if (lineCols > 0) breakLine()
        queue.splice(i, 1, ...hardBreak(piece, safeWidth))
        i--
        continue
      }
      // Keep closing punctuation with the character before it.
      let carried: Piece | undefined
      const last = line[line.length - 1]
      if (NO_LINE_START.has(piece.text[0]) && last?.wide && line.length > 1 && last.cols + piece.cols <= safeWidth) {
        carried = line.pop()
        lineCols -= (carried as Piece).cols
      }
      breakLine()
      if (carried) {
        line.push(carried)
        lineCols += carried.cols
      }
      line.push(piece)
      lineCols += piece.cols
    }
    breakLine()
  }
  return lines
}

/**
 * Character-by-character wrapping, as the printer wraps inside a table cell: no word breaks, a
 * double-width character that does not fit moves to the next line whole.
 */
export function hardWrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ""
  let cols = 0
  for (const ch of text) {
    const c = codePointColumns(ch.codePointAt(0) as number)
    if (cols + c > width && cols > 0) {
      lines.push(line)
      line = ""
      cols = 0
    }
    line += ch
    cols += c
    if (cols >= width) {
      lines.push(line)
      line = ""
      cols = 0
    }
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}

/** Text cut to at most `width` columns, ending in "…" when something was cut. */
export function truncateColumns(text: string, width: number, ellipsis = "…"): string {
  if (textColumns(text) <= width) return text
  const room = width - textColumns(ellipsis)
  let out = ""
  let cols = 0
  for (const ch of text) {
    const c = codePointColumns(ch.codePointAt(0) as number)
    if (cols + c > room) break
    out += ch
    cols += c
  }
  return room >= 0 ? out + ellipsis : out
}

const spaces = (n: number) => (n > 0 ? " ".repeat(n) : "")

/** Pads on the right to `width` columns (never cuts). */
export function padEndColumns(text: string, width: number): string {
  return text + spaces(width - textColumns(text))
}

/** Pads on the left to `width` columns (never cuts). */
export function padStartColumns(text: string, width: number): string {
  return spaces(width - textColumns(text)) + text
}

/** Centres within `width` columns; the odd column goes to the right, as the printer does. */
export function centerColumns(text: string, width: number): string {
  return spaces(Math.floor((width - textColumns(text)) / 2)) + text
}

/** Left text and right text on one line of `width` columns, at least one space between. */
export function justifyColumns(left: string, right: string, width: number): string {
  return left + spaces(Math.max(1, width - textColumns(left) - textColumns(right))) + right
}
