import { MedusaError } from "@medusajs/framework/utils"
import {
  designTemplate, getProfile, ModelProfile, parseDesign, ReceiptDesign, ReceiptOrder, renderReceipt, RenderOptions,
} from "../../receipt"
import type YilianyunModuleService from "../../modules/yilianyun/service"
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

/** Design ids start with this prefix; a printer's template list names a design by its id. */
export const DESIGN_ID_PREFIX = "ylydsg_"

export const isDesignRef = (template: string): boolean => template.startsWith(DESIGN_ID_PREFIX)

/**
 * What a template name renders: a registered template, or a saved design at one version. Jobs
 * record `design_id` / `design_version` from it, and a reprint renders the version its job did.
 */
export type RenderSource =
  | { template: string; design: null }
  | { template: string; design: { id: string; version: number; name: string; layout: ReceiptDesign } }

/**
 * Resolves a printer's template name. A design prints its current version — except in a reprint
 * of a job that printed this same design: then the version that job printed with, so a reprint a
 * week later looks like the original even if the design changed since (`reprintOf` is the job a
 * reprint repeats; it may also be an order id when no job existed, then the current version).
 */
export async function resolveRenderSource(
  yly: YilianyunModuleService,
  template: string,
  opts: { reprintOf?: string | null; version?: number | null } = {}
): Promise<RenderSource> {
  if (!isDesignRef(template)) return { template, design: null }
  const store = yly.designs()
  let version = opts.version ?? null
  if (version === null && opts.reprintOf) {
    const original = await store.ofJob(opts.reprintOf)
    if (original?.design_id === template) version = original.design_version
  }
  if (version === null) {
    const current = await store.get(template)
    if (!current) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `The receipt design ${template} no longer exists — choose another template for this printer.`
      )
    }
    version = current.version
  }
  const saved = await store.version(template, version)
  if (!saved) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Version ${version} of the receipt design ${template} was not found.`)
  }
  const parsed = parseDesign({ base: saved.base, blocks: saved.blocks })
  if (!parsed.design) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `The receipt design "${saved.name}" (version ${version}) cannot be read: ${parsed.issues[0]?.message}`
    )
  }
  return { template, design: { id: template, version, name: saved.name, layout: parsed.design } }
}

/** Render options plus the design (when the source is one) under its own template name. */
export function withSource(source: RenderSource, options: RenderOptions): RenderOptions {
  if (!source.design) return options
  return { ...options, templates: { ...options.templates, [source.template]: designTemplate(source.design.layout) } }
}

/**
 * Renders one template (or design) of one order in this printer's profile and returns the content
 * of each part (a long receipt splits into "1/2", "2/2"). Without `source`, `template` must be a
 * registered template.
 */
export function renderJobParts(args: {
  printer: PrinterForRender
  loaded: LoadOrderForPrintOutput
  template: string
  source?: RenderSource
  itemIds: string[] | null
  reprint: boolean
  /** carry the confirmation tag (see asksDecision) */
  confirm: boolean
  timezone: string
  pickupNumber?: number | null
}): string[] {
  const order: ReceiptOrder = mapOrderForReceipt(args.loaded, args.itemIds)
  if (args.pickupNumber && args.printer.receipt_settings?.pickup_number) order.pickupNumber = args.pickupNumber
  const source = args.source ?? { template: args.template, design: null }
  const options = withSource(source, renderOptionsOf(args.printer, args.timezone, { reprint: args.reprint, confirm: args.confirm }))
  return renderReceipt(source.template, order, options).parts
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
