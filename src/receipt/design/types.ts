/**
 * Receipt designs: a named, ordered list of blocks over one of the built-in templates, so a merchant
 * shapes a receipt or kitchen ticket without code. Plain values (JSON), stored by the module, drawn
 * by `designTemplate` with the same builder as the built-in templates.
 */

/** The built-in template a design starts from: it decides the title, which items print (a packing
 *  slip lists its fulfillment's items) and the blocks a new design gets. */
export const DESIGN_BASES = ["receipt", "kitchen", "packing", "cancel"] as const
export type DesignBase = (typeof DESIGN_BASES)[number]

/** Sizes a block prints at: normal, ×2 high (FH2), ×2 wide (FW2), ×2 both (FS2). */
export const BLOCK_SIZES = ["normal", "tall", "wide", "double"] as const
export type BlockSize = (typeof BLOCK_SIZES)[number]

export const BLOCK_ALIGNS = ["left", "center", "right"] as const
export type BlockAlign = (typeof BLOCK_ALIGNS)[number]

export const BLOCK_TYPES = [
  "shop_header", "title", "order_number", "pickup_number", "ordered_at", "sales_channel", "shipping_method",
  "items", "item_count", "totals", "payment", "customer_note", "recipient", "fulfillment", "cancel_info",
  "cancel_notice", "qr", "footer", "text", "rule", "feed",
] as const
export type BlockType = (typeof BLOCK_TYPES)[number]

export const ITEM_COLUMNS = ["name", "variant", "sku", "quantity", "unit_price", "line_total", "note"] as const
export type ItemColumn = (typeof ITEM_COLUMNS)[number]

export const TOTAL_LINES = ["subtotal", "discount", "shipping", "tax", "total"] as const
export type TotalLine = (typeof TOTAL_LINES)[number]

export const RULE_CHARS = ["-", "=", "*", "."] as const
export type RuleChar = (typeof RULE_CHARS)[number]

/** What every block has. A normalized block has all four. */
export interface BlockCommon {
  visible: boolean
  size: BlockSize
  bold: boolean
  align: BlockAlign
}

export type DesignBlock = BlockCommon &
  (
    | { type: "shop_header"; header_lines: boolean }
    | { type: "title"; text: string }
    | { type: "order_number"; label: boolean }
    | { type: "pickup_number" | "ordered_at" | "sales_channel" | "shipping_method" | "item_count" | "payment" }
    | { type: "customer_note" | "fulfillment" | "cancel_info" | "cancel_notice" | "footer" }
    | { type: "items"; columns: Record<ItemColumn, boolean>; checkbox: boolean }
    | { type: "totals"; lines: Record<TotalLine, boolean> }
    | { type: "recipient"; name: boolean; phone: boolean; mask_phone: boolean; address: boolean }
    | { type: "qr"; url: string }
    | { type: "text"; text: string }
    | { type: "rule"; char: RuleChar }
    | { type: "feed"; lines: number }
  )

export type BlockOf<T extends BlockType> = Extract<DesignBlock, { type: T }>

/** A design as it is drawn: every block normalized (all fields present). */
export interface ReceiptDesign {
  name?: string
  base: DesignBase
  blocks: DesignBlock[]
}

/** What a block type allows: sizes and bold, and which alignments the markup can do for it. */
export interface BlockCapabilities {
  sizes: boolean
  bold: boolean
  /** allowed alignments, the first is the default; [] = the printer places it (QR) or it has no text */
  aligns: readonly BlockAlign[]
}

const LINE: BlockCapabilities = { sizes: true, bold: true, aligns: ["left", "center", "right"] }
const CENTERED: BlockCapabilities = { sizes: true, bold: true, aligns: ["center", "left", "right"] }
/** multi-line blocks (lists, notes, addresses, LR totals): left only */
const FLOW: BlockCapabilities = { sizes: true, bold: true, aligns: ["left"] }
const NONE: BlockCapabilities = { sizes: false, bold: false, aligns: [] }

export const BLOCK_CAPABILITIES: Readonly<Record<BlockType, BlockCapabilities>> = {
  shop_header: CENTERED,
  title: CENTERED,
  order_number: CENTERED,
  pickup_number: CENTERED,
  ordered_at: LINE,
  sales_channel: LINE,
  shipping_method: LINE,
  items: FLOW,
  item_count: LINE,
  totals: FLOW,
  payment: LINE,
  customer_note: FLOW,
  recipient: FLOW,
  fulfillment: FLOW,
  cancel_info: FLOW,
  cancel_notice: CENTERED,
  qr: NONE,
  footer: CENTERED,
  text: LINE,
  // a rule fills the line at normal size: larger would wrap, so it has no size
  rule: NONE,
  feed: NONE,
}

/** Limits a design is held to (admin input and imports). */
export const DESIGN_LIMITS = {
  name: 64,
  blocks: 60,
  text: 500,
  title: 64,
  qrUrl: 180,
  feedLines: 5,
} as const
