import { MarkupBuilder } from "../builder"
import { formatDateTime } from "../datetime"
import type { TemplateFn } from "../types"
import { has, shopFooter } from "./common"

/** "....:....1....:....2" — a ruler exactly one line wide, tens marked. */
export function widthRuler(columns: number): string[] {
  let marks = ""
  let digits = ""
  for (let c = 1; c <= columns; c++) {
    marks += c % 10 === 0 ? String((c / 10) % 10) : c % 5 === 0 ? ":" : "."
    digits += String(c % 10)
  }
  const cjk = "一二三四五六七八九十".repeat(Math.ceil(columns / 20)).slice(0, Math.floor(columns / 2))
  return [marks, digits, cjk]
}

/**
 * The self-test page: model, paper, columns, a ruler exactly one line wide in ASCII and in CJK
 * (if it wraps or falls short, the column setting is wrong), every size, the alignments and a QR.
 * It does not read the order (pass any, e.g. `sampleOrder()`).
 */
export const testPageTemplate: TemplateFn = (_order, profile, options) => {
  const b = new MarkupBuilder(profile)
  const L = options.labels
  b.center(L.testTitle, { size: "FS2" })
  if (has(options.shopName)) b.center(options.shopName)
  b.text(`${L.testModel}: ${profile.model}${profile.known ? "" : " (K4 58mm fallback)"}`)
  b.text(`${L.testPaper}: ${profile.paperWidth} mm`)
  b.text(`${L.testColumns}: ${profile.columns}`)
  b.text(`${L.printedAt}: ${formatDateTime(options.now, options.timezone, true)}`)
  b.rule()
  for (const line of widthRuler(profile.columns)) b.text(line)
  b.rule()
  b.text(`${L.testSizes}:`)
  b.text("normal 中文 ABC 123")
  b.text("FB 中文 ABC 123", { bold: true })
  b.text("FH2 中文 ABC 123", { size: "FH2" })
  b.text("FS 中文 ABC 123", { size: "FS" })
  b.text("FW2 中文 ABC", { size: "FW2" })
  b.text("FS2 中文 ABC", { size: "FS2" })
  b.rule()
  b.text(`${L.testAlign}:`)
  b.center("center 居中")
  b.right("right 右对齐")
  b.lr("LR 左", "右 right")
  b.qr(`TEST ${profile.model}`)
  shopFooter(b, options)
  return b.toString()
}
