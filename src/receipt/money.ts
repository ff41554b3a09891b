/**
 * Amounts are Medusa major units (BigNumber → Number by the mapper, never divided by 100), printed
 * with a symbol the printer can print and no thousands separator: a comma separates the fields of
 * <LR>, so "1,234.00" would break the line. Symbols outside GBK use their full-width GBK forms
 * (￥ ￡) or the ISO code ("EUR 12.50": GBK has no euro sign).
 */
const SYMBOLS: Record<string, string> = {
  CNY: "￥", RMB: "￥", JPY: "￥", USD: "$", HKD: "HK$", TWD: "NT$", MOP: "MOP$", SGD: "S$",
  AUD: "A$", CAD: "C$", NZD: "NZ$", MXN: "MX$", GBP: "￡", EUR: "EUR ", KRW: "KRW ", CHF: "CHF ",
}

const digitsCache = new Map<string, number>()

/** Minor-unit digits of a currency (JPY 0, CNY 2, BHD 3), from Intl; 2 when Intl does not know it. */
export function currencyDigits(currencyCode: string): number {
  const code = currencyCode.toUpperCase()
  let digits = digitsCache.get(code)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
        .maximumFractionDigits as number
    } catch {
      digits = 2
    }
    digitsCache.set(code, digits)
  }
  return digits
}

/** The printable symbol or code prefix for a currency ("￥", "$", "EUR "). */
export function currencySymbol(currencyCode: string): string {
  const code = (currencyCode || "").toUpperCase()
  return SYMBOLS[code] ?? (code ? `${code} ` : "")
}

/** Rounds half away from zero at `digits` decimals without binary-fraction surprises (1.005 → 1.01). */
function fixed(value: number, digits: number): string {
  const factor = 10 ** digits
  const scaled = Math.round(Math.abs(value) * factor + 1e-7)
  const units = Math.floor(scaled / factor)
  const fraction = digits > 0 ? "." + String(scaled % factor).padStart(digits, "0") : ""
  return `${units}${fraction}`
}

/** "￥76.00", "-$4.50", "EUR 12.50", "￥1200" (JPY). A non-finite amount prints as "-". */
export function formatMoney(amount: number, currencyCode: string): string {
  const value = Number(amount)
  if (!Number.isFinite(value)) return "-"
  const digits = currencyDigits(currencyCode || "CNY")
  const text = fixed(value, digits)
  const negative = value < 0 && /[1-9]/.test(text)
  return `${negative ? "-" : ""}${currencySymbol(currencyCode)}${text}`
}
