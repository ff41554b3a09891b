import { getProfile, ModelProfile, ReceiptOrder, renderReceipt, RenderOptions } from "../../receipt"
import type { LoadOrderForPrintOutput } from "../print-order/steps/load-order-for-print"
import { mapOrderForReceipt } from "./map-order"

export type PrinterForRender = {
  name?: string
  machine_code?: string
  model: string
  paper_width: number
  columns: number | null
  mode: "auto" | "confirm"
  copies: number
  receipt_settings: Record<string, any> | null
  /** read with printer/getversion; decides the voice tags */
  firmware?: string | null
}

/** The printer's model profile at its paper width (or explicit column count). */
export function profileOf(printer: PrinterForRender): ModelProfile {
  return getProfile(printer.model, {
    paperWidth: printer.paper_width === 80 ? 80 : 58,
    columns: printer.columns ?? undefined,
    firmware: printer.firmware ?? null,
  })
}

/** Templates that never ask the device to accept or reject: the order was decided on its receipt. */
const NEVER_ASKS = new Set(["packing", "cancel", "test"])
/** Triggers at which an order is new and can be accepted or rejected. */
const DECIDING_TRIGGERS = new Set(["order.placed", "payment.captured"])

/**
 * Whether this print carries the confirmation tag and so decides the order: only the first print
 * of an order (not a reprint, packing slip or notice) on a printer in accept/reject mode. A
 * decision pushed for any other print is recorded and ignored.
 */
export function asksDecision(printer: PrinterForRender, trigger: string, template: string, reprint: boolean): boolean {
  return printer.mode === "confirm" && !reprint && DECIDING_TRIGGERS.has(trigger) && !NEVER_ASKS.has(template)
}

/** Render options from the printer's settings: language, merchant texts, copies, confirm, sound. */
export function renderOptionsOf(printer: PrinterForRender, timezone: string, extra: Partial<RenderOptions> = {}): RenderOptions {
  const s = printer.receipt_settings ?? {}
  return {
    profile: profileOf(printer),
    language: s.language ?? "zh-CN",
    timezone,
    shopName: s.shop_name ?? undefined,
    headerLines: s.header_lines ?? undefined,
    footerLines: s.footer_lines ?? undefined,
    qrUrl: s.qr_url ?? undefined,
    confirm: printer.mode === "confirm",
    copies: printer.copies,
    sound: s.sound ?? undefined,
    ...extra,
  }
}

/**
 * Renders one template of one order in this printer's profile and returns the content of each
 * part (a long receipt splits into "1/2", "2/2").
 */
export function renderJobParts(args: {
  printer: PrinterForRender
  loaded: LoadOrderForPrintOutput
  template: string
  itemIds: string[] | null
  reprint: boolean
  /** carry the confirmation tag (see asksDecision) */
  confirm: boolean
  timezone: string
  pickupNumber?: number | null
}): string[] {
  const order: ReceiptOrder = mapOrderForReceipt(args.loaded, args.itemIds)
  if (args.pickupNumber && args.printer.receipt_settings?.pickup_number) order.pickupNumber = args.pickupNumber
  return renderReceipt(args.template, order, renderOptionsOf(args.printer, args.timezone, { reprint: args.reprint, confirm: args.confirm })).parts
}

/** The self-test page for a printer (width ruler, model, paper) in its own profile. */
export function renderTestPage(printer: PrinterForRender, timezone: string): string {
  const order: ReceiptOrder = {
    id: "test",
    displayId: "TEST",
    createdAt: new Date(),
    currencyCode: "cny",
    items: [],
    subtotal: 0,
    total: 0,
  }
  const options = renderOptionsOf(printer, timezone, {
    shopName: printer.receipt_settings?.shop_name ?? printer.name,
    confirm: false,
    copies: 1,
  })
  return renderReceipt("test", order, options).parts[0]
}
