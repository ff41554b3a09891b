/** What routing needs to know about a printer (a subset of the yly_printer row). */
export type RoutablePrinter = {
  id: string
  enabled: boolean
  templates: Record<string, string[]> | null
  sales_channel_id: string | null
  stock_location_id: string | null
  product_type_ids: string[] | null
  category_ids: string[] | null
}

export type RoutingContext = {
  trigger: string
  sales_channel_id: string | null
  /** the stock location that serves the order (or the fulfillment's location) */
  location_id: string | null
  items: { id: string; product_type_id: string | null; category_ids: string[] }[]
}

export type PrintTarget = {
  printer_id: string
  templates: string[]
  /** the lines this printer prints; null = every line (no product filter) */
  item_ids: string[] | null
}

/**
 * Which printers print this order for this trigger, and which of its lines (design §3):
 * enabled, a template for the trigger, same sales channel and stock location when the printer is
 * restricted to one, and — for a kitchen or bar printer limited to product types or categories —
 * only the matching lines; a printer with no matching line prints nothing.
 */
export function selectPrintTargets(printers: RoutablePrinter[], ctx: RoutingContext): PrintTarget[] {
  const targets: PrintTarget[] = []
  for (const p of printers) {
    const templates = p.templates?.[ctx.trigger] ?? []
    if (!p.enabled || !templates.length) continue
    if (p.sales_channel_id && p.sales_channel_id !== ctx.sales_channel_id) continue
    if (p.stock_location_id && p.stock_location_id !== ctx.location_id) continue
    const types = p.product_type_ids?.length ? new Set(p.product_type_ids) : null
    const cats = p.category_ids?.length ? new Set(p.category_ids) : null
    let itemIds: string[] | null = null
    if (types || cats) {
      itemIds = ctx.items
        .filter(
          (i) =>
            (types !== null && i.product_type_id !== null && types.has(i.product_type_id)) ||
            (cats !== null && i.category_ids.some((c) => cats.has(c)))
        )
        .map((i) => i.id)
      if (!itemIds.length) continue
    }
    targets.push({ printer_id: p.id, templates, item_ids: itemIds })
  }
  return targets
}
