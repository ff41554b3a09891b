import { CharClass, classifyCodePoint, PLACEHOLDER } from "./width"

/**
 * Every piece of shop or customer text (titles, names, addresses, notes, metadata, header lines…)
 * passes through `safeText` before it reaches markup. The printer has no escape mechanism
 * (reference §5.5): any `<FS2>` or `<MN>9</MN>` inside a product name would be obeyed. So:
 *  - `<` `>` become the full-width `＜` `＞` (GBK, printable, never part of a tag);
 *  - control characters are dropped, line breaks become spaces unless `keepNewlines`;
 *  - `@@` (enlarges a line when it starts one) becomes `@＠`;
 *  - commas become `，` where the markup uses them as separators (`commas: true`, e.g. inside <LR>);
 *  - characters GBK cannot encode become `□`, after trying a readable fold (ö→o, ß→ss, ¥→￥);
 *    an emoji sequence (ZWJ, skin tone, flag pair) becomes one `□`.
 * Accented Latin letters are folded to their base letter even when GBK has them: GBK carries only
 * the pinyin subset, as full-width glyphs, so "Café" would print as "Caf é".
 */
export interface SafeTextOptions {
  /** keep line breaks (as "\n") — for multi-line notes; otherwise they become spaces */
  keepNewlines?: boolean
  /** replace "," with "，" — for text inside <LR>, <MS>, <audio> where a comma separates fields */
  commas?: boolean
}

const FOLDS: Record<number, string> = {
  0x00a0: " ", 0x00a2: "￠", 0x00a3: "￡", 0x00a5: "￥", 0x00a6: "￤", 0x00ac: "￢",
  0x00a9: "(C)", 0x00ae: "(R)", 0x2122: "TM", 0x00bd: "1/2", 0x00bc: "1/4", 0x00be: "3/4",
  0x00c6: "AE", 0x00e6: "ae", 0x00d8: "O", 0x00f8: "o", 0x00df: "ss", 0x0110: "D", 0x0111: "d",
  0x0141: "L", 0x0142: "l", 0x0152: "OE", 0x0153: "oe", 0x00d0: "D", 0x00f0: "d", 0x00de: "Th",
  0x00fe: "th", 0x0131: "i", 0x2022: "·", 0x2012: "-", 0x2011: "-", 0x20ac: "EUR", 0x20a9: "KRW",
  0x20b9: "INR", 0x20bd: "RUB", 0x2212: "-", 0x00b4: "'", 0x02bc: "'", 0x201a: ",", 0x201e: "\"",
  0x2039: "＜", 0x203a: "＞", 0x00ab: "《", 0x00bb: "》", 0x2264: "≤", 0x2044: "/",
}

function isLatinLetterWithMark(cp: number): boolean {
  return (
    (cp >= 0x00c0 && cp <= 0x024f && cp !== 0x00d7 && cp !== 0x00f7) ||
    (cp >= 0x1e00 && cp <= 0x1eff)
  )
}

/** A readable replacement for a character, or undefined when there is none. */
function fold(cp: number): string | undefined {
  const mapped = FOLDS[cp]
  if (mapped !== undefined) return mapped
  if ((cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000) {
    return cp === 0x3000 ? "\u3000" : " "
  }
  if (isLatinLetterWithMark(cp)) {
    const base = String.fromCodePoint(cp).normalize("NFD").charCodeAt(0)
    if (base < 0x80) return String.fromCharCode(base)
  }
  return undefined
}

const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff
const isNewline = (cp: number) => cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029

// Plain ASCII without the characters we rewrite passes unchanged: most text takes this path.
const NEEDS_WORK = /[^\x20-\x3b\x3d\x3f-\x7e]|@@/
const NEEDS_WORK_COMMAS = /[^\x20-\x2b\x2d-\x3b\x3d\x3f-\x7e]|@@/

// Decomposed marks that NFC may fold into the letter before them (normalising is costly: only then).
const COMBINING = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a]/

/** Makes untrusted text safe to place anywhere in receipt markup. Accepts any value (metadata). */
export function safeText(input: unknown, options: SafeTextOptions = {}): string {
  const raw = input === null || input === undefined ? "" : typeof input === "string" ? input : String(input)
  const commas = options.commas === true
  if (!(commas ? NEEDS_WORK_COMMAS : NEEDS_WORK).test(raw)) return raw
  const text = COMBINING.test(raw) ? raw.normalize("NFC") : raw
  const newline = options.keepNewlines ? "\n" : " "
  // Characters kept as they are are copied in runs; only replacements are appended one by one.
  let out = ""
  let runStart = 0
  let lastPlaceholder = false // the previous output was the placeholder for an emoji cluster
  let joinNext = false // a ZWJ continues that cluster
  let pendingFlag = false // the first of a regional-indicator pair was just replaced
  let prevAt = false // the last character written was "@"
  for (let i = 0; i < text.length; i++) {
    const at = i
    let cp = text.charCodeAt(i)
    if (cp >= 0xd800 && cp <= 0xdbff) {
      cp = text.codePointAt(i) as number
      if (cp > 0xffff) i++
    }
    let replacement: string | undefined // undefined: keep the character as it is
    let keepState = false // dropped marks do not end an emoji cluster
    if (cp === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      replacement = "" // \r\n → one break
      keepState = true
    } else if (isNewline(cp)) replacement = newline
    else if (cp === 0x3c) replacement = "＜"
    else if (cp === 0x3e) replacement = "＞"
    else if (cp === 0x2c) replacement = commas ? "，" : undefined
    else if (cp === 0x09) replacement = " "
    else if (cp === 0x40) replacement = prevAt ? "＠" : undefined
    else if (cp >= 0x80 || cp < 0x20 || cp === 0x7f) {
      const cls = classifyCodePoint(cp)
      if (cls === CharClass.ZeroWidth || cls === CharClass.Control) {
        if (cp === 0x200d && lastPlaceholder) joinNext = true
        replacement = "" // dropped: the printer cannot print joiners, selectors or controls
        keepState = true
      } else if (cls === CharClass.Wide && !isLatinLetterWithMark(cp)) replacement = undefined
      else {
        const folded = fold(cp)
        if (folded !== undefined) replacement = commas ? folded.replace(/,/g, "，") : folded
        else if (cls === CharClass.Unprintable) {
          // One placeholder per emoji sequence (ZWJ-joined, or a flag's two indicators).
          const continuesFlag: boolean = pendingFlag && isRegionalIndicator(cp)
          replacement = (joinNext && lastPlaceholder) || continuesFlag ? "" : PLACEHOLDER
          pendingFlag = isRegionalIndicator(cp) && !continuesFlag
          lastPlaceholder = true
          joinNext = false
          keepState = true
        }
      }
    }
    if (replacement !== undefined) {
      out += text.slice(runStart, at) + replacement
      runStart = i + 1
    }
    if (replacement === undefined) prevAt = cp === 0x40
    else if (replacement !== "") prevAt = replacement.endsWith("@")
    if (!keepState) lastPlaceholder = joinNext = pendingFlag = false
  }
  return runStart === 0 ? text : out + text.slice(runStart)
}

/** One line of text: line breaks and tabs become spaces, runs of spaces collapse, ends trimmed. */
export function safeLine(input: unknown, options: Omit<SafeTextOptions, "keepNewlines"> = {}): string {
  const text = safeText(input, options)
  return text.includes("  ") || text.startsWith(" ") || text.endsWith(" ") ? text.replace(/ {2,}/g, " ").trim() : text
}

/**
 * Data for a QR code or barcode: the printer encodes it, so it must not be folded, only kept from
 * breaking the tag. `<` `>` and non-ASCII are percent-encoded (a URL stays a working URL); control
 * characters and spaces at the ends are dropped.
 */
export function safeCodeData(input: unknown): string {
  const raw = input === null || input === undefined ? "" : String(input)
  let out = ""
  for (const ch of raw.trim()) {
    const cp = ch.codePointAt(0) as number
    if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) continue // lone surrogates cannot be encoded
    if (cp === 0x3c || cp === 0x3e || cp > 0x7e) out += encodeURIComponent(ch)
    else out += ch
  }
  return out
}
