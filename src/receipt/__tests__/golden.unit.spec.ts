import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { previewText } from "../preview"
import { getProfile } from "../profiles"
import { renderReceipt } from "../render"
import { textColumns } from "../width"
import { fixtureOptions, fixtureOrder } from "./fixtures"
import { printRuleViolations } from "./invariants"

// Golden files: every template × 58/80 mm × zh-CN/en, markup and preview. They are rewritten only
// with UPDATE_GOLDEN=1, and each was read by hand against the reference's rules before it was kept.
// The preview and the simulator share the layout engine under test, so the hand check matters.

const GOLDEN = join(__dirname, "golden")
const UPDATE = process.env.UPDATE_GOLDEN === "1"
const PART_SEPARATOR = "\n=== next print ===\n"

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name)
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true })
    writeFileSync(file, actual)
    return
  }
  if (!existsSync(file)) throw new Error(`missing golden file ${name}: run UPDATE_GOLDEN=1 and check it by hand`)
  expect(actual).toBe(readFileSync(file, "utf8"))
}

const cases: Array<[string, 58 | 80, "zh-CN" | "en"]> = []
for (const template of ["receipt", "kitchen", "packing", "cancel", "test"]) {
  for (const paper of [58, 80] as const) for (const lang of ["zh-CN", "en"] as const) cases.push([template, paper, lang])
}

describe("golden receipts", () => {
  it.each(cases)("%s on %d mm in %s", (template, paperWidth, language) => {
    const profile = getProfile("K4", { paperWidth })
    const result = renderReceipt(template, fixtureOrder(), { ...fixtureOptions(language), profile })
    expect(result.warnings).toEqual([])
    expect(result.parts).toHaveLength(1)
    const markup = result.parts[0]
    expect(printRuleViolations(markup, profile.columns)).toEqual([])
    const preview = previewText(markup, { columns: profile.columns })
    for (const line of preview.split("\n")) expect(textColumns(line)).toBeLessThanOrEqual(profile.columns)
    const name = `${template}-${paperWidth}-${language === "en" ? "en" : "zh"}`
    golden(`${name}.markup.txt`, markup)
    golden(`${name}.preview.txt`, preview + "\n")
  })

  it("a split reprint for a confirm-mode K4 with sound and 2 copies", () => {
    const profile = getProfile("K4", { paperWidth: 58 })
    const result = renderReceipt("receipt", fixtureOrder(), {
      ...fixtureOptions("zh-CN"),
      profile,
      reprint: true,
      confirm: true,
      copies: 2,
      sound: { kind: "horn", volume: 3 },
      maxContentLength: 2000,
    })
    expect(result.parts.length).toBeGreaterThan(1)
    result.parts.forEach((part, i) => {
      expect(printRuleViolations(part, profile.columns, 2000)).toEqual([])
      expect(part.startsWith(i === 0 ? "<MN>2</MN><MC>1,00000,2</MC><MS>1,3</MS>" : "<MN>2</MN><FH2>")).toBe(true)
      expect(previewText(part, { columns: 32 })).toContain(`#1024 (${i + 1}/${result.parts.length})`)
      expect(previewText(part, { columns: 32 })).toContain("*** 补打 / REPRINT ***")
    })
    golden("receipt-58-zh-split.markup.txt", result.parts.join(PART_SEPARATOR))
    golden("receipt-58-zh-split.preview.txt", result.parts.map((p) => previewText(p, { columns: 32 })).join(PART_SEPARATOR) + "\n")
  })
})
