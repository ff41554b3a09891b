import { layoutMarkup } from "./layout"
import type { Layout, PaperLine } from "./layout-types"
import { getProfile, literalVoiceTags } from "./profiles"
import { DOTS_PER_COLUMN } from "./width"

/**
 * The preview of a print: the same layout engine (`layout.ts`) drives the admin preview, the
 * simulator's virtual paper and the golden files — one implementation.
 */
export interface PreviewOptions {
  /** printer model, e.g. "K4"; unknown → conservative K4 */
  model?: string
  /** paper width in mm */
  paperWidth?: 58 | 80
  /** explicit column count (overrides model/paper) */
  columns?: number
  /** firmware version (printer/getversion `hardware`); with the model it decides the K4 voice tags */
  firmware?: string | null
  /**
   * Show a voice tag the model/firmware lacks (<VN>, <audio>…) as the paper does: literally.
   * Default true; applies only when a model is given.
   */
  literalUnsupported?: boolean
}

export function previewColumns(opts: PreviewOptions = {}): number {
  if (opts.columns !== undefined && Number.isFinite(opts.columns) && opts.columns > 0) return Math.floor(opts.columns)
  return getProfile(opts.model, { paperWidth: opts.paperWidth }).columns
}

/** The full layout (lines with glyph positions, control tags, warnings, tag uses). */
export function previewLayout(markup: string, opts: PreviewOptions = {}): Layout {
  const modelGiven = typeof opts.model === "string" && opts.model.trim() !== ""
  const literalTags =
    modelGiven && opts.literalUnsupported !== false ? literalVoiceTags(getProfile(opts.model, { firmware: opts.firmware })) : undefined
  return layoutMarkup(markup, { columns: previewColumns(opts), literalTags })
}

/**
 * One paper line as monospace text. Each glyph sits at the column where its left edge falls, so
 * text inside FW2/FS2 shows letter-spaced ("# 1 0 0 1") at its true position and width, and a
 * centred or right-aligned line lands where the printer puts it. Trailing spaces are trimmed.
 */
export function lineText(line: PaperLine, columns: number): string {
  if (line.glyphs.length === 0) return ""
  const cells: string[] = new Array(columns).fill(" ")
  for (const g of line.glyphs) {
    const col = Math.floor(g.x / DOTS_PER_COLUMN)
    if (col < 0 || col + g.cols > columns) continue
    if (cells[col] === "" && col > 0) cells[col - 1] = " " // overwrote the right half of a wide glyph
    cells[col] = g.ch
    if (g.cols === 2) {
      if (col + 2 < columns && cells[col + 2] === "") cells[col + 2] = " "
      cells[col + 1] = ""
    }
  }
  return cells.join("").replace(/ +$/, "")
}

/** Lays receipt markup out as the lines the paper will show (monospace, GBK columns ≤ width). */
export function previewLines(markup: string, opts: PreviewOptions = {}): string[] {
  const layout = previewLayout(markup, opts)
  return layout.lines.map((line) => lineText(line, layout.columns))
}

/** The preview as one string, lines joined with "\n". */
export function previewText(markup: string, opts: PreviewOptions = {}): string {
  return previewLines(markup, opts).join("\n")
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

/** Styles for `previewHtml`; class names are prefixed so they do not clash with the admin's. */
export const PREVIEW_CSS = [
  ".yly-paper{background:#fff;color:#111;box-shadow:0 1px 4px rgba(0,0,0,.25);display:inline-block;line-height:0}",
  ".yly-paper svg{display:block;font-family:'Noto Sans Mono CJK SC','Sarasa Mono SC','Noto Sans CJK SC',monospace}",
  ".yly-code{fill:#555;font-style:italic}",
].join("")

export interface PreviewHtmlOptions extends PreviewOptions {
  /** include the <style> block (default true) */
  includeStyles?: boolean
  /** CSS pixels per print-head dot (default 0.75: a 58 mm paper is about 300 px wide) */
  scale?: number
}

// The drawing is in print-head dots: 12 per normal column, so a glyph's x and width are exact.
const LINE_DOTS = 30 // a normal line's height
const FONT_DOTS = 24 // a CJK glyph is 1 em = 2 columns
const MARGIN_DOTS = 12

/**
 * An HTML rendering for the admin: an SVG on the printer's own grid. Every glyph is drawn at its
 * column and squeezed or stretched to exactly its width (`textLength`), so a wide character takes
 * exactly two narrow columns whatever fonts the browser has, and a rule or a right-aligned amount
 * ends at the paper's edge as it does on paper. Size tags scale glyphs for real, bold is bold, and
 * all text is escaped.
 */
export function previewHtml(markup: string, opts: PreviewHtmlOptions = {}): string {
  const layout = previewLayout(markup, opts)
  const scale = opts.scale ?? 0.75
  const width = layout.columns * DOTS_PER_COLUMN + 2 * MARGIN_DOTS
  const body: string[] = []
  let y = MARGIN_DOTS
  for (const line of layout.lines) {
    const height = LINE_DOTS * line.tall
    const baseline = Math.round((y + height - 0.22 * LINE_DOTS * line.tall) * 100) / 100
    const code = line.kind !== "text"
    for (const g of line.glyphs) {
      if (g.ch === " ") continue
      const size = Math.round(FONT_DOTS * g.tall * 100) / 100
      const bold = g.bold ? ' font-weight="700"' : ""
      const cls = code ? ' class="yly-code"' : ""
      body.push(
        `<text x="${g.x + MARGIN_DOTS}" y="${baseline}" font-size="${size}" textLength="${g.cols * g.dots}" lengthAdjust="spacingAndGlyphs"${bold}${cls}>${escapeHtml(g.ch)}</text>`,
      )
    }
    y += height
  }
  const height = Math.round((y + MARGIN_DOTS) * 100) / 100
  const parts: string[] = []
  if (opts.includeStyles !== false) parts.push(`<style>${PREVIEW_CSS}</style>`)
  parts.push(
    `<div class="yly-paper" data-columns="${layout.columns}">`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${Math.round(width * scale)}" height="${Math.round(height * scale)}" fill="currentColor" role="img" aria-label="receipt, ${layout.columns} columns" data-paper-width="${width}">`,
    ...body,
    "</svg></div>",
  )
  return parts.join("")
}
