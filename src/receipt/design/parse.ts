import {
  BLOCK_CAPABILITIES, BLOCK_SIZES, BLOCK_TYPES, type BlockType, DESIGN_BASES, DESIGN_LIMITS, type DesignBase,
  type DesignBlock, ITEM_COLUMNS, type ItemColumn, type ReceiptDesign, RULE_CHARS, TOTAL_LINES, type TotalLine,
} from "./types"

/**
 * Reads a design from untrusted JSON (the admin API, an imported file) into a normalized one: every
 * field present, defaults filled in from the base template. Each problem names its field the way
 * the API reports it ("blocks.3.size"), so a 400 says exactly what to fix. Stored designs are
 * normalized, so a later change of a default never changes how an old version prints.
 */
export interface DesignIssue {
  field: string
  message: string
}

/** Items columns a new items block shows, by base: the kitchen ticket carries no prices. */
export const DEFAULT_ITEM_COLUMNS: Readonly<Record<DesignBase, Record<ItemColumn, boolean>>> = {
  receipt: { name: true, variant: true, sku: false, quantity: true, unit_price: true, line_total: true, note: true },
  kitchen: { name: true, variant: true, sku: false, quantity: true, unit_price: false, line_total: false, note: true },
  packing: { name: true, variant: true, sku: true, quantity: true, unit_price: false, line_total: false, note: false },
  cancel: { name: true, variant: true, sku: false, quantity: true, unit_price: false, line_total: false, note: false },
}

const ALL_TOTALS: Record<TotalLine, boolean> = { subtotal: true, discount: true, shipping: true, tax: true, total: true }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** Type-specific fields each block may carry (besides type, visible, size, bold, align). */
const OWN_FIELDS: Record<BlockType, readonly string[]> = {
  shop_header: ["header_lines"],
  title: ["text"],
  order_number: ["label"],
  pickup_number: [], ordered_at: [], sales_channel: [], shipping_method: [], item_count: [], payment: [],
  customer_note: [], fulfillment: [], cancel_info: [], cancel_notice: [], footer: [],
  items: ["columns", "checkbox"],
  totals: ["lines"],
  recipient: ["name", "phone", "mask_phone", "address"],
  qr: ["url"],
  text: ["text"],
  rule: ["char"],
  feed: ["lines"],
}

class Reader {
  readonly issues: DesignIssue[] = []
  constructor(private readonly raw: Record<string, unknown>, private readonly path: string) {}

  private fail(field: string, message: string): undefined {
    this.issues.push({ field: `${this.path}.${field}`, message: `Field '${this.path}.${field}' ${message}` })
    return undefined
  }

  bool(field: string, fallback: boolean, from: Record<string, unknown> = this.raw, prefix = ""): boolean {
    const v = from[field]
    if (v === undefined) return fallback
    if (typeof v !== "boolean") return this.fail(prefix + field, "must be true or false") ?? fallback
    return v
  }

  oneOf<T extends string>(field: string, values: readonly T[], fallback: T): T {
    const v = this.raw[field]
    if (v === undefined) return fallback
    if (typeof v !== "string" || !values.includes(v as T)) {
      return this.fail(field, `must be one of ${values.join(", ")}`) ?? fallback
    }
    return v as T
  }

  text(field: string, max: number, opts: { required?: boolean } = {}): string {
    const v = this.raw[field]
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, "is required")
      return ""
    }
    if (typeof v !== "string") return this.fail(field, "must be text") ?? ""
    if (v.length > max) return this.fail(field, `is longer than ${max} characters`) ?? ""
    if (opts.required && !v.trim()) this.fail(field, "must not be empty")
    return v
  }

  flags<K extends string>(field: string, keys: readonly K[], defaults: Record<K, boolean>): Record<K, boolean> {
    const v = this.raw[field]
    if (v === undefined) return { ...defaults }
    if (!isObject(v)) return this.fail(field, `must be an object of on/off switches (${keys.join(", ")})`) ?? { ...defaults }
    for (const k of Object.keys(v)) {
      if (!keys.includes(k as K)) this.fail(`${field}.${k}`, `is not one of ${keys.join(", ")}`)
    }
    const out = {} as Record<K, boolean>
    for (const k of keys) out[k] = this.bool(k, defaults[k], v, `${field}.`)
    return out
  }

  unknownFields(allowed: readonly string[]): void {
    for (const k of Object.keys(this.raw)) if (!allowed.includes(k)) this.fail(k, "is not a field of this block")
  }
}

/** One block: its own fields checked, the common ones defaulted from what the type allows. */
export function parseBlock(raw: unknown, index: number, base: DesignBase): { block?: DesignBlock; issues: DesignIssue[] } {
  const path = `blocks.${index}`
  if (!isObject(raw)) return { issues: [{ field: path, message: `Field '${path}' must be an object with a type` }] }
  const type = raw.type
  if (typeof type !== "string" || !(BLOCK_TYPES as readonly string[]).includes(type)) {
    return {
      issues: [{ field: `${path}.type`, message: `Field '${path}.type' must be one of ${BLOCK_TYPES.join(", ")}` }],
    }
  }
  const t = type as BlockType
  const caps = BLOCK_CAPABILITIES[t]
  const r = new Reader(raw, path)
  r.unknownFields(["type", "visible", "size", "bold", "align", ...OWN_FIELDS[t]])
  const visible = r.bool("visible", true)
  const bold = r.bool("bold", false)
  const size = r.oneOf("size", BLOCK_SIZES, "normal")
  const align = r.oneOf("align", ["left", "center", "right"] as const, caps.aligns[0] ?? "left")
  const what = `a ${t.replace(/_/g, " ")} block`
  if (!caps.bold && bold) r.issues.push({ field: `${path}.bold`, message: `Field '${path}.bold' cannot be on: ${what} has no text to make bold` })
  if (!caps.sizes && size !== "normal") {
    r.issues.push({ field: `${path}.size`, message: `Field '${path}.size' must be normal: ${what} ${t === "rule" ? "fills the line at normal size" : "has no size"}` })
  }
  if (align !== (caps.aligns[0] ?? "left") && !caps.aligns.includes(align)) {
    const why = caps.aligns.length ? `${what} can only be aligned ${caps.aligns.join(" or ")}` : `${what} is placed by the printer`
    r.issues.push({ field: `${path}.align`, message: `Field '${path}.align' cannot be ${align}: ${why}` })
  }
  const common = { visible, size, bold, align }
  let block: DesignBlock
  switch (t) {
    case "shop_header":
      block = { type: t, ...common, header_lines: r.bool("header_lines", true) }
      break
    case "title":
      block = { type: t, ...common, text: r.text("text", DESIGN_LIMITS.title) }
      break
    case "order_number":
      block = { type: t, ...common, label: r.bool("label", true) }
      break
    case "items": {
      const columns = r.flags("columns", ITEM_COLUMNS, DEFAULT_ITEM_COLUMNS[base])
      if (!ITEM_COLUMNS.some((c) => columns[c])) r.issues.push({ field: `${path}.columns`, message: `Field '${path}.columns' must turn on at least one column` })
      block = { type: t, ...common, columns, checkbox: r.bool("checkbox", base === "packing") }
      break
    }
    case "totals": {
      const defaults = base === "cancel" ? { ...ALL_TOTALS, subtotal: false, discount: false, shipping: false, tax: false } : ALL_TOTALS
      const lines = r.flags("lines", TOTAL_LINES, defaults)
      if (!TOTAL_LINES.some((l) => lines[l])) r.issues.push({ field: `${path}.lines`, message: `Field '${path}.lines' must turn on at least one line` })
      block = { type: t, ...common, lines }
      break
    }
    case "recipient":
      block = {
        type: t, ...common,
        name: r.bool("name", true), phone: r.bool("phone", true), mask_phone: r.bool("mask_phone", false), address: r.bool("address", true),
      }
      break
    case "qr":
      block = { type: t, ...common, url: r.text("url", DESIGN_LIMITS.qrUrl).trim() }
      break
    case "text":
      block = { type: t, ...common, text: r.text("text", DESIGN_LIMITS.text, { required: true }) }
      break
    case "rule":
      block = { type: t, ...common, char: r.oneOf("char", RULE_CHARS, "-") }
      break
    case "feed": {
      const v = raw.lines
      let lines = 1
      if (v !== undefined) {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > DESIGN_LIMITS.feedLines) {
          r.issues.push({ field: `${path}.lines`, message: `Field '${path}.lines' must be a whole number from 1 to ${DESIGN_LIMITS.feedLines}` })
        } else lines = v
      }
      block = { type: t, ...common, lines }
      break
    }
    default:
      block = { type: t, ...common } as DesignBlock
  }
  return r.issues.length ? { issues: r.issues } : { block, issues: [] }
}

/** `{ base, blocks }` (and `name` when `requireName`) → a normalized design, or what is wrong with it. */
export function parseDesign(
  raw: unknown,
  opts: { requireName?: boolean } = {},
): { design?: ReceiptDesign & { name: string }; issues: DesignIssue[] } {
  if (!isObject(raw)) return { issues: [{ field: "", message: "A design must be an object with base and blocks" }] }
  const issues: DesignIssue[] = []
  let name = ""
  if (raw.name !== undefined || opts.requireName) {
    if (typeof raw.name !== "string" || !raw.name.trim()) issues.push({ field: "name", message: "Field 'name' is required: give the design a name" })
    else if (raw.name.trim().length > DESIGN_LIMITS.name) issues.push({ field: "name", message: `Field 'name' is longer than ${DESIGN_LIMITS.name} characters` })
    else name = raw.name.trim()
  }
  const base = raw.base
  if (typeof base !== "string" || !(DESIGN_BASES as readonly string[]).includes(base)) {
    issues.push({ field: "base", message: `Field 'base' must be one of ${DESIGN_BASES.join(", ")}` })
    return { issues }
  }
  if (!Array.isArray(raw.blocks)) {
    issues.push({ field: "blocks", message: "Field 'blocks' must be a list of blocks" })
    return { issues }
  }
  if (raw.blocks.length === 0) issues.push({ field: "blocks", message: "Field 'blocks' must hold at least one block" })
  if (raw.blocks.length > DESIGN_LIMITS.blocks) {
    issues.push({ field: "blocks", message: `Field 'blocks' holds ${raw.blocks.length} blocks; at most ${DESIGN_LIMITS.blocks} are allowed` })
    return { issues }
  }
  const blocks: DesignBlock[] = []
  raw.blocks.forEach((b, i) => {
    const parsed = parseBlock(b, i, base as DesignBase)
    if (parsed.block) blocks.push(parsed.block)
    issues.push(...parsed.issues)
  })
  if (issues.length) return { issues }
  return { design: { name, base: base as DesignBase, blocks }, issues: [] }
}
