import type { TFunction } from "i18next"

/** the dashboard's language code ("zhCN") as a BCP 47 tag for Intl */
export const localeOf = (lng: string | undefined) => (lng === "zhCN" ? "zh-CN" : lng === "zhTW" ? "zh-TW" : lng || "en")

export function formatDateTime(iso: string | null | undefined, lng?: string): string {
  if (!iso) return "—"
  return new Date(iso).toLocaleString(localeOf(lng), { dateStyle: "medium", timeStyle: "short" })
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
