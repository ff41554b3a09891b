import type { TFunction } from "i18next"

/** the dashboard's language code ("zhCN") as a BCP 47 tag for Intl */
export const localeOf = (lng: string | undefined) => (lng === "zhCN" ? "zh-CN" : lng === "zhTW" ? "zh-TW" : lng || "en")

/** a time in the browser's zone, as the dashboard shows times */
export function formatDateTime(iso: string | null | undefined, lng?: string): string {
  if (!iso) return "—"
  return new Date(iso).toLocaleString(localeOf(lng), { dateStyle: "medium", timeStyle: "short" })
}

/** the same, short enough for a one-line picker: "Nov 30, 20:15" */
export function formatShortDateTime(iso: string | null | undefined, lng?: string): string {
  if (!iso) return "—"
  return new Date(iso).toLocaleString(localeOf(lng), { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
}

/** the browser's IANA time zone, e.g. "Europe/Berlin" (the zone the admin's times are in) */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"

/**
 * "Asia/Shanghai (GMT+8)": names a zone where times of two zones meet — the paper prints the
 * store's zone (the plugin's `timezone` option), the admin shows the browser's.
 */
export function zoneLabel(timeZone: string, lng?: string): string {
  const offsetOf = (style: "shortOffset" | "short") => {
    try {
      return new Intl.DateTimeFormat(localeOf(lng), { timeZone, timeZoneName: style })
        .formatToParts(new Date())
        .find((p) => p.type === "timeZoneName")?.value
    } catch {
      return undefined
    }
  }
  const offset = offsetOf("shortOffset") ?? offsetOf("short")
  return offset && offset !== timeZone ? `${timeZone} (${offset})` : timeZone
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" */
export function timeAgo(iso: string | null | undefined, t: TFunction): string {
  if (!iso) return t("yilianyun.time.never")
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000))
  if (s < 45) return t("yilianyun.time.justNow")
  const m = Math.round(s / 60)
  if (m < 60) return t("yilianyun.time.minutesAgo", { count: m })
  const h = Math.round(m / 60)
  if (h < 48) return t("yilianyun.time.hoursAgo", { count: h })
  return t("yilianyun.time.daysAgo", { count: Math.round(h / 24) })
}

/** lines of a textarea → trimmed, non-empty */
export const linesOf = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
