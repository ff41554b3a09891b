import { layoutMarkup } from "../layout"
import { LIMITED_TAGS, type LimitedTag, tokenize } from "../tags"
import { textColumns } from "../width"
import { lineText } from "../preview"

/** The tags of a markup in order, as the printer will parse them ("<FS2>", "</center>"…). */
export function tagSequence(markup: string): string[] {
  return tokenize(markup).flatMap((t) => (t.type === "tag" ? [`<${t.closing ? "/" : ""}${t.name}>`] : []))
}

/**
 * The rules every print must keep (reference §5), returned as a list of broken ones (empty = fine):
 * no stray "<" or ">" in text, control tags only at the very start, ≤ 25 uses of each limited tag,
 * balanced tags, exactly one comma in each <LR>, no line break in table cells, no "@@", ≤ maxLength
 * characters, and every preview line within the column width.
 */
export function printRuleViolations(markup: string, columns: number, maxLength = 32767): string[] {
  const problems: string[] = []
  if (markup.length > maxLength) problems.push(`content is ${markup.length} characters (max ${maxLength})`)
  const tokens = tokenize(markup)
  let leading = true
  const uses: Record<LimitedTag, number> = { table: 0, center: 0, right: 0, LR: 0 }
  const stack: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t.type === "text") {
      const insideControl = stack.length > 0 && ["MN", "MS", "MC", "VN", "PW", "audio", "TTS"].includes(stack[stack.length - 1])
      if (!insideControl) leading = false
      const commas = (t.text.match(/,/g) ?? []).length
      const fields: Record<string, number> = { MS: 1, MC: 2, audio: 2 }
      const top = stack[stack.length - 1]
      if (top in fields && commas !== fields[top]) problems.push(`<${top}> needs exactly ${fields[top]} comma(s): ${t.text}`)
      if (/[<>]/.test(t.text)) problems.push(`text holds a bare < or >: ${JSON.stringify(t.text.slice(0, 40))}`)
      if (t.text.includes("@@")) problems.push("text holds @@ (enlarges a line)")
      if (stack.includes("LR") && (t.text.match(/,/g) ?? []).length !== 1) problems.push(`LR without exactly one comma: ${JSON.stringify(t.text)}`)
      if (stack.includes("td") && /[\r\n]/.test(t.text)) problems.push("line break inside a table cell")
      continue
    }
    if (t.kind === "control" && !t.closing && !leading) problems.push(`<${t.name}> not at the very start`)
    if (t.kind !== "control") leading = false
    if (!t.closing) {
      if (t.kind === "block") uses[t.name as LimitedTag]++
      stack.push(t.name)
    } else if (stack[stack.length - 1] === t.name) stack.pop()
    else problems.push(`</${t.name}> closes ${stack[stack.length - 1] ?? "nothing"}`)
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(", ")}`)
  for (const tag of LIMITED_TAGS) if (uses[tag] > 25) problems.push(`<${tag}> used ${uses[tag]} times`)
  const layout = layoutMarkup(markup, { columns })
  for (const line of layout.lines) {
    const text = lineText(line, columns)
    if (textColumns(text) > columns) problems.push(`preview line wider than ${columns}: ${text}`)
  }
  if (layout.warnings.length) problems.push(...layout.warnings.map((w) => `layout: ${w}`))
  return problems
}
