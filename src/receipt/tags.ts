/**
 * The printer's tags (reference §5.2, §5.3) and a tokenizer for markup. Tags are matched exactly as
 * documented (case included); anything else between `<` and `>` is an unknown tag, which the
 * printer prints literally — so the tokenizer hands it back as text.
 */

export const STYLE_TAGS = ["FB", "FH", "FH2", "FW", "FW2", "FS", "FS2"] as const
export type StyleTag = (typeof STYLE_TAGS)[number]

/** How many times the printer parses each of table/center/right/LR in one print (reference §5.1). */
export const TAG_USE_LIMIT = 25

/** Block tags the printer parses at most 25 times per print (reference §5.1). */
export const LIMITED_TAGS = ["table", "center", "right", "LR"] as const
export type LimitedTag = (typeof LIMITED_TAGS)[number]

export const CODE_TAGS = ["QR", "BR", "BR2", "BR3"] as const
export type CodeTag = (typeof CODE_TAGS)[number]

/** Control tags: honoured only at the very start of the content (reference §5.3). */
export const CONTROL_TAGS = [
  "MN", "MA", "MS", "MC", "PW", "ML", "MP", "MK", "RS", "VN", "VD", "VA", "VI", "audio", "TTS", "JSON",
] as const
export type ControlTag = (typeof CONTROL_TAGS)[number]

export const TABLE_PART_TAGS = ["tr", "td"] as const
export const WRAPPER_TAGS = ["GB18030", "LATIN"] as const

export type TagName =
  | StyleTag
  | LimitedTag
  | CodeTag
  | ControlTag
  | (typeof TABLE_PART_TAGS)[number]
  | (typeof WRAPPER_TAGS)[number]

export type TagKind = "style" | "block" | "code" | "control" | "table-part" | "wrapper"

const KIND = new Map<string, TagKind>()
for (const t of STYLE_TAGS) KIND.set(t, "style")
for (const t of LIMITED_TAGS) KIND.set(t, "block")
for (const t of CODE_TAGS) KIND.set(t, "code")
for (const t of CONTROL_TAGS) KIND.set(t, "control")
for (const t of TABLE_PART_TAGS) KIND.set(t, "table-part")
for (const t of WRAPPER_TAGS) KIND.set(t, "wrapper")

export function tagKind(name: string): TagKind | undefined {
  return KIND.get(name)
}

export type Token =
  | { type: "text"; text: string; start: number; end: number }
  | { type: "tag"; name: TagName; closing: boolean; kind: TagKind; start: number; end: number }

const TAG_AT = /<(\/?)([A-Za-z][A-Za-z0-9]{0,7})>/y

/**
 * Splits markup into text and known-tag tokens; positions index into the markup string.
 * `unknown` names tags this printer does not know (e.g. <VN> on an old K4): they stay text.
 */
export function tokenize(markup: string, unknown?: ReadonlySet<string>): Token[] {
  const tokens: Token[] = []
  let textStart = 0
  let i = markup.indexOf("<")
  while (i !== -1) {
    TAG_AT.lastIndex = i
    const m = TAG_AT.exec(markup)
    const kind = m && !unknown?.has(m[2]) ? KIND.get(m[2]) : undefined
    if (m && kind) {
      if (i > textStart) tokens.push({ type: "text", text: markup.slice(textStart, i), start: textStart, end: i })
      const end = i + m[0].length
      tokens.push({ type: "tag", name: m[2] as TagName, closing: m[1] === "/", kind, start: i, end })
      textStart = end
      i = markup.indexOf("<", end)
    } else {
      i = markup.indexOf("<", i + 1)
    }
  }
  if (textStart < markup.length) {
    tokens.push({ type: "text", text: markup.slice(textStart), start: textStart, end: markup.length })
  }
  return tokens
}

/** `<name>inner</name>` — inner must already be markup (safe text or nested tags). */
export function wrapTag(name: TagName, inner: string): string {
  return `<${name}>${inner}</${name}>`
}

/** Opening tags for a style stack, outermost first. */
export function openTags(names: readonly string[]): string {
  let out = ""
  for (const n of names) out += `<${n}>`
  return out
}

/** Closing tags for a style stack, innermost first. */
export function closeTags(names: readonly string[]): string {
  let out = ""
  for (let i = names.length - 1; i >= 0; i--) out += `</${names[i]}>`
  return out
}

/** Building blocks for store templates: each takes markup that is already safe. */
export const tag = {
  bold: (inner: string) => wrapTag("FB", inner),
  tall: (inner: string) => wrapTag("FH2", inner),
  wide: (inner: string) => wrapTag("FW2", inner),
  large: (inner: string) => wrapTag("FS", inner),
  xlarge: (inner: string) => wrapTag("FS2", inner),
  center: (inner: string) => wrapTag("center", inner),
  right: (inner: string) => wrapTag("right", inner),
  /** both parts must be comma-free: pass them through safeText(…, { commas: true }) */
  lr: (left: string, right: string) => `<LR>${left},${right}</LR>`,
  qr: (data: string) => wrapTag("QR", data),
  ean13: (digits: string) => wrapTag("BR", digits),
  code128: (text: string) => wrapTag("BR2", text),
}
