import type { ReceiptLabels, ReceiptLanguage } from "./i18n"
import type { ModelProfile } from "./profiles"

/**
 * The order as the receipt layer sees it: plain values, no Medusa types. The printing workflow maps
 * Medusa's `query.graph` order into it. Amounts are Medusa major units (Number(BigNumber)), never
 * divided by 100. Every text field is untrusted and goes through `safeText` when printed.
 */
export interface ReceiptOrder {
  id: string
  displayId: number | string
  createdAt: Date | string
  currencyCode: string
  items: ReceiptItem[]
  subtotal: number
  discountTotal?: number
  shippingTotal?: number
  taxTotal?: number
  total: number
  /** Medusa payment status word: "captured", "authorized", "not_paid", "refunded"… */
  paymentStatus?: string
  customer?: { name?: string; phone?: string; email?: string }
  shippingAddress?: ReceiptAddress
  shippingMethod?: string
  /** the customer's note for the whole order */
  note?: string
  salesChannel?: string
  /** today's pickup number (assigned by the printing layer), printed large */
  pickupNumber?: number | string
  /** for packing slips: the fulfillment being packed */
  fulfillment?: ReceiptFulfillment
  /** for cancellation notices */
  canceledAt?: Date | string
  cancelReason?: string
}

export interface ReceiptItem {
  id?: string
  title: string
  variantTitle?: string
  sku?: string
  quantity: number
  unitPrice: number
  /** the line's total as charged */
  total: number
  /** discount on this line, a positive amount */
  discount?: number
  note?: string
  /** printed only for keys listed in `RenderOptions.itemMetadataKeys` */
  metadata?: Record<string, unknown>
  productType?: string
  categories?: string[]
}

export interface ReceiptAddress {
  name?: string
  company?: string
  phone?: string
  address1?: string
  address2?: string
  city?: string
  province?: string
  postalCode?: string
  countryCode?: string
}

export interface ReceiptFulfillment {
  id: string
  items: Array<{ title: string; variantTitle?: string; sku?: string; quantity: number }>
  locationName?: string
}

/** A new-order alert: buzzer or horn (<MS>), a stored voice (<VN>), or spoken text (<audio>/<TTS>). */
export type ReceiptSound =
  | { kind: "buzzer" | "horn"; volume: number }
  | { kind: "voice"; aid: number }
  | { kind: "tts"; text: string; volume?: number; voice?: 0 | 1 | 3 | 4 }

/** `<MC>` order confirmation (reference §5.3): on-variant 1–4, seconds to wait, what a timeout reports. */
export interface ConfirmOptions {
  variant?: 1 | 2 | 3 | 4
  timeoutSeconds?: number
  onTimeout?: "reject" | "accept" | "none"
}

export interface RenderOptions {
  /** the printer's profile (`getProfile(model, { paperWidth })`); default: conservative K4 58 mm */
  profile?: ModelProfile
  language?: ReceiptLanguage
  /** IANA time zone for printed times (default "Asia/Shanghai") */
  timezone?: string
  shopName?: string
  headerLines?: string[]
  footerLines?: string[]
  /** URL for the receipt's QR code; "{order_id}" and "{display_id}" are filled in. Default: the order number */
  qrUrl?: string
  /** print a QR code on the customer receipt (default true) */
  showQr?: boolean
  /** a reprint: every part carries a visible "补打 / REPRINT" line */
  reprint?: boolean
  /** the printer is in accept/reject mode: add <MC> where the model supports it */
  confirm?: boolean | ConfirmOptions
  /** copies per print, 1–9 (<MN>) */
  copies?: number
  sound?: ReceiptSound | null
  /** item metadata keys to print under each item (default none) */
  itemMetadataKeys?: string[]
  /** override any label text */
  labels?: Partial<ReceiptLabels>
  /** the clock for cancel notices and test pages (default: now) */
  now?: Date
  /** split into several prints above this many characters (default 32 767, reference §3.1) */
  maxContentLength?: number
  /** store templates by name, consulted before the registry */
  templates?: Record<string, TemplateFn>
}

/** Options as templates receive them: defaults filled in. */
export interface ResolvedRenderOptions extends Omit<RenderOptions, "profile" | "language" | "timezone" | "labels" | "now"> {
  profile: ModelProfile
  language: ReceiptLanguage
  timezone: string
  labels: ReceiptLabels
  now: Date
}

/** A template: order + printer profile + options → markup body (no control tags; render adds them). */
export type TemplateFn = (order: ReceiptOrder, profile: ModelProfile, options: ResolvedRenderOptions) => string

export interface RenderResult {
  /** the prints to send, in order; each ≤ maxContentLength, each starting with its control tags */
  parts: string[]
  template: string
  columns: number
  /** what could not be honoured (unsupported sound/confirmation, QR too long, …) */
  warnings: string[]
}
