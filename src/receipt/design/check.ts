import type { ModelProfile } from "../profiles"
import { capacityColumns } from "../wrap"
import type { ColumnDots } from "../width"
import { BLOCK_CAPABILITIES, type BlockSize, type DesignBlock, type ReceiptDesign } from "./types"

/**
 * Whether a design can print on a printer: every size, alignment and code it asks for is one the
 * model prints, and blocks that set text beside amounts keep room for both at their size. A
 * problem names its block, for the admin's 400 and the designer's warnings.
 */
export interface DesignProblem {
  /** index of the block in the design */
  block: number
  type: DesignBlock["type"]
  /** the API field it concerns, e.g. "blocks.3.size" */
  field: string
  message: string
}

const SIZE_FEATURE = { tall: "FH2", wide: "FW2", double: "FS2" } as const
const DOTS: Record<BlockSize, ColumnDots> = { normal: 12, tall: 12, wide: 24, double: 24 }

/**
 * Columns a line needs so that a name still has room beside an amount (an amount such as
 * "￥1234.50" takes up to 12): at 16 (×2 wide on 58 mm paper) names would wrap every 2–4 characters.
 */
export const MIN_COLUMNS_BESIDE_AMOUNTS = 20

const paperOf = (profile: ModelProfile) =>
  `a ${profile.model} on ${profile.columns === (profile.paperWidth === 80 ? 48 : 32) ? `${profile.paperWidth} mm paper` : `${profile.columns}-column paper`}`

const label = (index: number, block: DesignBlock) => `Block ${index + 1} (${block.type.replace(/_/g, " ")})`

function hasAmounts(block: DesignBlock): boolean {
  if (block.type === "items") return block.columns.line_total
  if (block.type === "totals") return true
  return false
}

export function designProblems(design: ReceiptDesign, profile: ModelProfile): DesignProblem[] {
  const problems: DesignProblem[] = []
  design.blocks.forEach((block, i) => {
    const add = (field: string, message: string) => problems.push({ block: i, type: block.type, field: `blocks.${i}.${field}`, message })
    const caps = BLOCK_CAPABILITIES[block.type]
    if (!caps) return
    if (block.size !== "normal") {
      const tag = SIZE_FEATURE[block.size]
      if (!profile.supports[tag]) {
        add("size", `${label(i, block)} is set to ${block.size} size, which ${paperOf(profile)} cannot print (no <${tag}>) — choose another size.`)
      }
    }
    if (block.bold && !profile.supports.FB) add("bold", `${label(i, block)} is bold, which ${paperOf(profile)} cannot print — turn bold off.`)
    if (caps.aligns.length && block.align !== "left" && !profile.supports[block.align]) {
      add("align", `${label(i, block)} is ${block.align === "center" ? "centred" : "right-aligned"}, which ${paperOf(profile)} cannot do — align it left.`)
    }
    if (block.type === "qr" && block.visible && !profile.supports.QR) {
      add("type", `${label(i, block)}: ${paperOf(profile)} does not print QR codes — remove or hide the block.`)
    }
    if (hasAmounts(block)) {
      const room = capacityColumns(profile.columns, DOTS[block.size])
      if (room < MIN_COLUMNS_BESIDE_AMOUNTS) {
        const what = block.type === "items" ? "item names beside their line totals" : "the totals beside their amounts"
        add(
          "size",
          `${label(i, block)} at ${block.size} size leaves ${room} columns on ${paperOf(profile)}, too few for ${what} ` +
            `(at least ${MIN_COLUMNS_BESIDE_AMOUNTS}) — choose normal or tall${block.type === "items" ? ", or turn off the line total" : ""}.`,
        )
      }
    }
  })
  return problems
}
