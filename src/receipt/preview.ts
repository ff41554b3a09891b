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
  ".yly-paper{position:relative;background:#fff;color:#111;font-family:'Noto Sans Mono CJK SC','Sarasa Mono SC',monospace;",
  "font-size:14px;line-height:1;padding:8px 1ch;box-shadow:0 1px 4px rgba(0,0,0,.25)}",
  ".yly-line{position:relative;height:1.5em}",
  ".yly-g{position:absolute;bottom:.25em;display:inline-block;text-align:left;white-space:pre;transform-origin:0 100%}",
  ".yly-b{font-weight:700}",
  ".yly-code{color:#555;font-style:italic}",
].join("")

export interface PreviewHtmlOptions extends PreviewOptions {
  /** include the <style> block (default true) */
  includeStyles?: boolean
}

/**
 * An HTML rendering for the admin: every glyph absolutely placed at its column, scaled by its size
 * tag (so ×2 text is really twice as wide and tall), bold where <FB> is. All text is escaped.
 */
export function previewHtml(markup: string, opts: PreviewHtmlOptions = {}): string {
  const layout = previewLayout(markup, opts)
  const parts: string[] = []
  if (opts.includeStyles !== false) parts.push(`<style>${PREVIEW_CSS}</style>`)
  parts.push(`<div class="yly-paper" style="width:${layout.columns}ch" data-columns="${layout.columns}">`)
  for (const line of layout.lines) {
    const cls = line.kind === "text" ? "yly-line" : "yly-line yly-code"
    parts.push(`<div class="${cls}" style="height:${(1.5 * line.tall).toFixed(2)}em">`)
    for (const g of line.glyphs) {
      if (g.ch === " ") continue
      const sx = g.dots / DOTS_PER_COLUMN
      const transform = sx !== 1 || g.tall !== 1 ? `;transform:scale(${sx},${g.tall})` : ""
      const left = (g.x / DOTS_PER_COLUMN).toFixed(3).replace(/\.?0+$/, "")
      parts.push(
        `<span class="yly-g${g.bold ? " yly-b" : ""}" style="left:${left}ch;width:${g.cols}ch${transform}">${escapeHtml(g.ch)}</span>`,
      )
    }
    parts.push("</div>")
  }
  parts.push("</div>")
  return parts.join("")
}
