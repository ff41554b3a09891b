import { layoutMarkup } from "./layout"
import type { Glyph, LayoutBlock, PaperLine } from "./layout-types"
import { closeTags, LIMITED_TAGS, type LimitedTag, openTags, type StyleTag, TAG_USE_LIMIT, type Token, tokenize } from "./tags"
import { DOTS_PER_COLUMN } from "./width"

/** How many times each of table/center/right/LR opens in the markup (or its tokens). */
export function countTagUses(markup: string | Token[]): Record<LimitedTag, number> {
  const uses: Record<LimitedTag, number> = { table: 0, center: 0, right: 0, LR: 0 }
  for (const t of typeof markup === "string" ? tokenize(markup) : markup) {
    if (t.type === "tag" && t.kind === "block" && !t.closing) uses[t.name as LimitedTag]++
  }
  return uses
}

/** The size/bold tags that draw a glyph as it is drawn. */
function styleTagsOf(g: Glyph): StyleTag[] {
  const tags: StyleTag[] = []
  const w = g.dots === 24 ? 2 : g.dots === 16 ? 1 : 0
  const h = g.tall >= 2 ? 2 : g.tall > 1 ? 1 : 0
  if (w === h && w > 0) tags.push(w === 2 ? "FS2" : "FS")
  else {
    if (w) tags.push(w === 2 ? "FW2" : "FW")
    if (h) tags.push(h === 2 ? "FH2" : "FH")
  }
  if (g.bold) tags.push("FB")
  return tags
}

const sameStyle = (a: Glyph, b: Glyph) => a.dots === b.dots && a.tall === b.tall && a.bold === b.bold

/**
 * One laid-out line written back as plain markup: runs of equally styled glyphs inside their style
 * tags, the gaps as spaces (of the run's own size where they fit exactly, normal ones for the rest),
 * so it prints where the block would have put it.
 */
export function lineToMarkup(line: PaperLine, columns: number): string {
  let out = ""
  let cursor = 0
  let i = 0
  const glyphs = line.glyphs
  while (i < glyphs.length) {
    let j = i + 1
    let end = glyphs[i].x + glyphs[i].cols * glyphs[i].dots
    while (j < glyphs.length && sameStyle(glyphs[i], glyphs[j]) && glyphs[j].x === end) {
      end += glyphs[j].cols * glyphs[j].dots
      j++
    }
    const first = glyphs[i]
    const gap = Math.max(0, first.x - cursor)
    const styledSpaces = Math.floor(gap / first.dots)
    const normalSpaces = Math.floor((gap - styledSpaces * first.dots) / DOTS_PER_COLUMN)
    const tags = styleTagsOf(first)
    const text = glyphs.slice(i, j).map((g) => g.ch).join("")
    out += " ".repeat(normalSpaces) + openTags(tags) + " ".repeat(styledSpaces) + text + closeTags(tags)
    cursor = end
    i = j
  }
  const full = cursor >= columns * DOTS_PER_COLUMN
  return out.replace(/ +$/, "") + (full ? "" : "\n")
}

/**
 * Keeps every print within the printer's 25 parses of each of table/center/right/LR (reference
 * §5.1): blocks beyond the limit are replaced by the padded lines they would have printed, laid out
 * by the same engine as the preview. Built-in templates never need it (their builder already
 * switches to padded lines); it guards store templates that write raw markup. Blocks that are not
 * well formed (unclosed, nested) are left as they are, and the preview shows them.
 */
export function enforceTagLimit(
  markup: string,
  columns: number,
  limit = TAG_USE_LIMIT,
  tokens: Token[] = tokenize(markup),
): { markup: string; converted: number } {
  const uses = countTagUses(tokens)
  if (LIMITED_TAGS.every((t) => uses[t] <= limit)) return { markup, converted: 0 }
  const layout = layoutMarkup(markup, { columns, tagUseLimit: Infinity })
  const seen: Record<LimitedTag, number> = { table: 0, center: 0, right: 0, LR: 0 }
  const replace = new Map<number, LayoutBlock>()
  for (const block of [...layout.blocks].sort((a, b) => a.openToken - b.openToken)) {
    seen[block.tag]++
    const close = tokens[block.closeToken]
    const wellFormed = close?.type === "tag" && close.closing && close.name === block.tag
    if (seen[block.tag] > limit && wellFormed) replace.set(block.openToken, block)
  }
  let out = ""
  let converted = 0
  for (let i = 0; i < tokens.length; i++) {
    const block = replace.get(i)
    if (!block) {
      out += markup.slice(tokens[i].start, tokens[i].end)
      continue
    }
    const styles: StyleTag[] = block.styles
    let lines = ""
    for (let l = block.firstLine; l < block.endLine; l++) lines += lineToMarkup(layout.lines[l], columns)
    out += (block.atLineStart ? "" : "\n") + closeTags(styles) + lines + openTags(styles)
    converted++
    i = block.closeToken
  }
  return { markup: out.replace(/<(FB|FH2?|FW2?|FS2?)><\/\1>/g, ""), converted }
}
