import { renderReceipt, resolveProfile } from "../../receipt"
import type { LoadOrderForPrintOutput } from "../print-order/steps/load-order-for-print"
import { mapOrderForReceipt } from "./map-order"

export type PrinterForRender = {
  model: string
  paper_width: number
  columns: number | null
  mode: "auto" | "confirm"
  copies: number
  receipt_settings: Record<string, any> | null
}

/**
 * Renders one template of one order in this printer's profile (model, paper, language, copies,
 * confirm tag, sound, merchant texts) and returns the content of each part.
 */
export function renderJobParts(args: {
  printer: PrinterForRender
  loaded: LoadOrderForPrintOutput
  template: string
  itemIds: string[] | null
  reprint: boolean
  timezone: string
}): string[] {
  const { printer, loaded, template } = args
  const settings = printer.receipt_settings ?? {}
  const profile = resolveProfile(printer.model, printer.paper_width as 58 | 80, printer.columns ?? undefined)
  const order = mapOrderForReceipt(loaded, args.itemIds)
  const { parts } = renderReceipt(template, order as any, {
    profile,
    language: settings.language ?? "zh-CN",
    timezone: args.timezone,
    shopName: settings.shop_name,
    headerLines: settings.header_lines,
    footerLines: settings.footer_lines,
    qrUrl: settings.qr_url,
    reprint: args.reprint,
    confirm: printer.mode === "confirm",
    copies: printer.copies,
    sound: settings.sound ?? undefined,
  } as any)
  return parts
}

/** The self-test page for a printer (width ruler, model, paper) in its own profile. */
export function renderTestPage(printer: PrinterForRender & { name: string; machine_code: string }, timezone: string): string {
  const profile = resolveProfile(printer.model, printer.paper_width as 58 | 80, printer.columns ?? undefined)
  const settings = printer.receipt_settings ?? {}
  const { parts } = renderReceipt("test", { id: "test", displayId: "TEST", createdAt: new Date(), currencyCode: "cny", items: [] } as any, {
    profile,
    language: settings.language ?? "zh-CN",
    timezone,
    shopName: settings.shop_name ?? printer.name,
    copies: 1,
  } as any)
  return parts[0]
}
