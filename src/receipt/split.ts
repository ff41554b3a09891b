import { closeTags, CONTROL_TAGS, openTags, tokenize } from "./tags"

/** The printer's content limit per print, in characters (reference §3.1). */
export const MAX_CONTENT_LENGTH = 32767

/** Where a part may end: the open style/block tags there, and how clean a cut it is. */
interface Cut {
  pos: number
  stack: string[]
  /** 2: between lines outside any block; 1: between lines inside center/right or between table rows */
  quality: 1 | 2
}

// Inside these a cut would change what prints (LR's comma, a code's data, a table cell or row).
const UNSPLITTABLE = new Set<string>(["LR", "QR", "BR", "BR2", "BR3", "tr", "td", "GB18030", "LATIN", ...CONTROL_TAGS])
const BLOCKS = new Set(["center", "right", "table"])

function cutsOf(body: string): { cuts: Cut[]; textStacks: Array<{ start: number; end: number; stack: string[] }> } {
  const cuts: Cut[] = []
  const textStacks: Array<{ start: number; end: number; stack: string[] }> = []
  let stack: string[] = []
  const splittable = () => !stack.some((s) => UNSPLITTABLE.has(s))
  const quality = (): 1 | 2 => (stack.some((s) => BLOCKS.has(s)) ? 1 : 2)
  for (const t of tokenize(body)) {
    if (t.type === "text") {
      if (!splittable()) continue
      textStacks.push({ start: t.start, end: t.end, stack })
      for (let i = t.text.indexOf("\n"); i !== -1; i = t.text.indexOf("\n", i + 1)) {
        cuts.push({ pos: t.start + i + 1, stack, quality: quality() })
      }
      continue
    }
    if (!t.closing) {
      if (t.kind === "block" && splittable() && quality() === 2) cuts.push({ pos: t.start, stack, quality: 2 })
      stack = [...stack, t.name]
    } else {
      const at = stack.lastIndexOf(t.name)
      if (at >= 0) stack = [...stack.slice(0, at), ...stack.slice(at + 1)]
      if (splittable() && (t.kind === "block" || t.name === "tr")) cuts.push({ pos: t.end, stack, quality: quality() })
    }
  }
  return { cuts, textStacks }
}

/**
 * Splits a receipt body into prints of at most `maxLength` characters each, prefix included.
 * Parts end between lines (inside a centred block or between table rows only when they must, and
 * inside a long text only as a last resort); size and block tags open at a cut are closed at the
 * end of the part and reopened at the start of the next, so each part prints on its own.
 * `prefixFor(index, total)` gives each part's opening (control tags, reprint and "1/2" lines).
 */
export function splitMarkup(body: string, maxLength: number, prefixFor: (index: number, total: number) => string): string[] {
  if (prefixFor(0, 1).length + body.length <= maxLength) return [prefixFor(0, 1) + body]
  const reserve = Math.max(prefixFor(0, 99).length, prefixFor(98, 99).length)
  const { cuts, textStacks } = cutsOf(body)
  const pieces: string[] = []
  let start = 0
  let startStack: string[] = []
  let c = 0
  while (start < body.length) {
    const reopen = openTags(startStack)
    const budget = maxLength - reserve - reopen.length
    if (body.length - start + reopen.length <= maxLength - reserve) {
      pieces.push(reopen + body.slice(start))
      break
    }
    let best: Cut | undefined
    let bestInside: Cut | undefined
    while (c < cuts.length && cuts[c].pos <= start) c++
    for (let k = c; k < cuts.length && cuts[k].pos - start <= budget; k++) {
      if (cuts[k].pos - start + closeTags(cuts[k].stack).length > budget) continue
      if (cuts[k].quality === 2) best = cuts[k]
      else bestInside = cuts[k]
    }
    const cut = best ?? bestInside ?? hardCut(body, start, budget, textStacks)
    pieces.push(reopen + body.slice(start, cut.pos) + closeTags(cut.stack))
    start = cut.pos
    startStack = cut.stack
  }
  // Nothing worth a print of its own after the last cut: drop it.
  const parts = pieces.filter((p, i) => i === 0 || p.replace(/<\/?[A-Za-z0-9]+>/g, "").trim() !== "")
  if (parts.length > 99) throw new Error("This receipt would need more than 99 prints: shorten it or raise the content limit.")
  return parts.map((p, i) => prefixFor(i, parts.length) + p)
}

/** Last resort: cut inside a long text run (never inside a tag, LR, code or table cell). */
function hardCut(body: string, start: number, budget: number, texts: Array<{ start: number; end: number; stack: string[] }>): Cut {
  for (let k = texts.length - 1; k >= 0; k--) {
    const t = texts[k]
    if (t.start >= start + budget || t.end <= start) continue
    let pos = Math.min(t.end, start + budget - closeTags(t.stack).length)
    const code = body.charCodeAt(pos - 1)
    if (code >= 0xd800 && code <= 0xdbff) pos-- // never between the halves of a surrogate pair
    if (pos > start && pos > t.start) return { pos, stack: t.stack, quality: 1 }
  }
  throw new Error(
    `A single table cell, LR line or code in this receipt is longer than the ${budget}-character room of a print: shorten it.`,
  )
}
