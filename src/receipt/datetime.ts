/**
 * Printed times, in the store's time zone (Medusa stores have none; the plugin option defaults to
 * Asia/Shanghai). Formatters are cached: building an Intl.DateTimeFormat costs far more than using one.
 */
interface ZoneFormatter {
  format(date: Date): string // "2026-03-08 19:47:30"
}

const OPTIONS: Intl.DateTimeFormatOptions = {
  year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
}
const ISO_LIKE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const formatters = new Map<string, ZoneFormatter>()

function formatterFor(timeZone: string): ZoneFormatter {
  let f = formatters.get(timeZone)
  if (!f) {
    try {
      // The Swedish locale writes "YYYY-MM-DD HH:mm:ss" directly; a Node without full ICU data may
      // not, so that is checked once, with formatToParts as the fallback.
      const sv = new Intl.DateTimeFormat("sv-SE", { ...OPTIONS, timeZone })
      if (ISO_LIKE.test(sv.format(new Date(0)))) f = sv
      else {
        const en = new Intl.DateTimeFormat("en-US", { ...OPTIONS, timeZone })
        f = {
          format(date) {
            const p: Record<string, string> = {}
            for (const part of en.formatToParts(date)) p[part.type] = part.value
            return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
          },
        }
      }
    } catch {
      throw new Error(`"${timeZone}" is not a time zone — use an IANA name such as "Asia/Shanghai".`)
    }
    formatters.set(timeZone, f)
  }
  return f
}

/** Throws a readable error when the time zone is not a valid IANA name. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone)
}

/** "2026-11-28 20:15" in the given zone; `withSeconds` adds ":07". Invalid dates print as "-". */
export function formatDateTime(value: Date | string | number, timeZone: string, withSeconds = false): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return "-"
  const text = formatterFor(timeZone).format(date)
  return withSeconds ? text : text.slice(0, 16)
}
