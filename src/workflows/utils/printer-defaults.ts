/** Settings a merchant may give when binding or editing a printer (admin validators). */
export type PrinterSettingsInput = {
  name?: string
  model?: string
  paper_width?: 58 | 80
  columns?: number | null
  mode?: "auto" | "confirm"
  copies?: number
  templates?: Record<string, string[]>
  enabled?: boolean
  sales_channel_id?: string | null
  stock_location_id?: string | null
  product_type_ids?: string[] | null
  category_ids?: string[] | null
  receipt_settings?: Record<string, unknown> | null
}

/** A new printer prints the customer receipt on order.placed unless told otherwise. */
export const DEFAULT_TEMPLATES: Record<string, string[]> = { "order.placed": ["receipt"] }

export function printerDefaults(input: PrinterSettingsInput & { machine_code: string }) {
  return {
    name: input.name ?? `Printer ${input.machine_code}`,
    model: (input.model ?? "K4").toUpperCase(),
    paper_width: input.paper_width ?? 58,
    columns: input.columns ?? null,
    mode: input.mode ?? "auto",
    copies: input.copies ?? 1,
    templates: input.templates ?? DEFAULT_TEMPLATES,
    enabled: input.enabled ?? true,
    sales_channel_id: input.sales_channel_id ?? null,
    stock_location_id: input.stock_location_id ?? null,
    product_type_ids: input.product_type_ids ?? null,
    category_ids: input.category_ids ?? null,
    receipt_settings: input.receipt_settings ?? null,
  }
}
