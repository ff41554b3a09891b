import { safeLine } from "./safe-text"
import type { ReceiptAddress } from "./types"

/**
 * Names and postal addresses written the way their own script writes them, whatever the receipt's
 * language: a Chinese name is family name then given name with no space (王小明), a Latin one
 * "First Last"; a Chinese address runs from the province down to the room with no spaces between
 * the units, a Latin one is street, then "city, province postal code", then the country.
 */

// Han (with extensions and compatibility forms), CJK punctuation, kana, Hangul, full-width forms
const CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/

/** true when the text holds any CJK character */
export function isCjk(text: string | null | undefined): boolean {
  return typeof text === "string" && CJK.test(text)
}

const clean = (v: unknown): string => safeLine(v).trim()

/**
 * A person's name from Medusa's first/last name fields: "王小明" (family first, no space) when
 * either part is written in CJK, "New Comer" otherwise. Undefined when both are empty.
 */
export function personName(first: unknown, last: unknown): string | undefined {
  const given = clean(first)
  const family = clean(last)
  if (!given && !family) return undefined
  if (isCjk(given) || isCjk(family)) return `${family}${given}`
  return [given, family].filter(Boolean).join(" ")
}

/**
 * Joins the units of a CJK address: no space between two units written in CJK (深南大道10000号18楼),
 * one space before or after a unit written in Latin letters only ("上海 Room 5", not "上海Room 5").
 */
function joinCjkUnits(units: string[]): string {
  let out = ""
  let previous = ""
  for (const unit of units) {
    if (!out) out = unit
    else if (isCjk(previous) && isCjk(unit)) out += unit
    else out += ` ${unit}`
    previous = unit
  }
  return out
}

/**
 * The printed lines of a postal address. The script of the street decides the order (an address
 * in Shanghai may well be typed in English); the province is left out when it repeats the city
 * (上海, 北京… are their own province).
 */
export function addressLines(address: ReceiptAddress): string[] {
  const company = clean(address.company)
  const street1 = clean(address.address1)
  const street2 = clean(address.address2)
  const city = clean(address.city)
  const province = clean(address.province) === city ? "" : clean(address.province)
  const postal = clean(address.postalCode)
  const country = clean(address.countryCode).toUpperCase()
  const cjk = isCjk(street1) || isCjk(street2) || (!street1 && !street2 && (isCjk(city) || isCjk(province)))
  if (cjk) {
    // from the largest unit to the smallest: 广东省深圳市南山区… then the company, the postal code
    const line = joinCjkUnits([province, city, street1, street2].filter(Boolean))
    return [line, company, postal].filter(Boolean)
  }
  const place = [city, province].filter(Boolean).join(", ")
  const cityLine = [place, postal].filter(Boolean).join(" ")
  return [company, street1, street2, cityLine, country].filter(Boolean)
}
