import { Alert, Badge, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { ConnectionStatus, PushCommandState, TokenStatus } from "../lib/api"
import { formatDateTime, localeOf } from "../lib/format"

// What the connection card says about the token, push registration, the clock and refused pushes:
// each fact from GET /admin/yilianyun/status, as a sentence saying what to do.

/** Why no token is fetched now, and when it is tried again on its own (nothing when all is well). */
export function TokenAlerts({ token }: { token: TokenStatus }) {
  const { t, i18n } = useTranslation()
  const at = (iso: string | null) => formatDateTime(iso, i18n.language)
  // a stored token keeps printing going; only replacing it waits
  const meanwhile = t(token.present ? "yilianyun.connection.tokenStillUsed" : "yilianyun.connection.jobsWait")
  const alerts: { key: string; variant: "error" | "warning"; title: string; body: string }[] = []
  if (token.fetch_blocked) {
    const { reason, since } = token.fetch_blocked
    alerts.push({
      key: `blocked-${reason}`,
      variant: reason === "secret" ? "error" : "warning",
      title: t(`yilianyun.connection.blocked.${reason}.title`),
      body: `${t(`yilianyun.connection.blocked.${reason}.body`, { since: at(since), retry: at(token.backoff_until) })} ${meanwhile}`,
    })
  } else if (token.cloud_quota_exhausted) {
    alerts.push({
      key: "cloud-quota",
      variant: "warning",
      title: t("yilianyun.connection.cloudQuota.title"),
      body: t(token.backoff_until ? "yilianyun.connection.cloudQuota.bodyNext" : "yilianyun.connection.cloudQuota.body", {
        freesBy: at(token.cloud_quota_exhausted.frees_by),
        next: at(token.backoff_until),
      }),
    })
  } else if (token.backoff_until) {
    alerts.push({
      key: "backoff",
      variant: "warning",
      title: t("yilianyun.connection.backoff.title"),
      body: `${t("yilianyun.connection.backoff.body", { next: at(token.backoff_until) })} ${meanwhile}`,
    })
  }
  if (!alerts.length) return null
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="yly-token-alerts">
      {alerts.map((a) => (
        <Alert key={a.key} variant={a.variant} data-testid="yly-token-alert" data-alert={a.key}>
          <Text size="small" weight="plus">
            {a.title}
          </Text>
          <Text size="small">{a.body}</Text>
          {token.last_error && a.key !== "blocked-secret" && a.key !== "blocked-clock" && (
            <Text size="xsmall" className="text-ui-fg-subtle mt-1">
              {t("yilianyun.connection.lastError", { error: token.last_error })}
            </Text>
          )}
        </Alert>
      ))}
    </div>
  )
}

/** Each push command this API registers: registered (when), refused (the cloud's words) or not yet. */
export function PushCommandList({ status }: { status: ConnectionStatus }) {
  const { t, i18n } = useTranslation()
  const commands = status.push_url_commands ?? {}
  const names = [...new Set([...(status.push_url_expected_commands ?? []), ...Object.keys(commands)])]
  if (!names.length) return <Text size="small">—</Text>
  const stateOf = (c: PushCommandState | undefined) => (c?.error ? "refused" : c?.at ? "registered" : "missing")
  return (
    <ul className="flex flex-col gap-y-2" data-testid="yly-push-commands">
      {names.map((cmd) => {
        const c = commands[cmd]
        const state = stateOf(c)
        return (
          <li key={cmd} className="flex flex-col gap-y-0.5" data-testid="yly-push-command" data-cmd={cmd} data-state={state}>
            <span className="flex flex-wrap items-center gap-x-2">
              <span className="font-mono text-xs">{cmd}</span>
              <Badge size="2xsmall" color={state === "registered" ? "green" : state === "refused" ? "red" : "grey"}>
                {state === "registered"
                  ? t("yilianyun.connection.commandRegistered", { at: formatDateTime(c?.at, i18n.language) })
                  : t(`yilianyun.connection.command.${state}`)}
              </Badge>
            </span>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t(`yilianyun.connection.commandPurpose.${cmd}`, { defaultValue: "" })}
            </Text>
            {c?.error && (
              <Text size="xsmall" className="text-ui-fg-error">
                {t("yilianyun.connection.commandRefused", { error: c.error })}
              </Text>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/**
 * The cloud's clock minus ours. Pushes are judged on the cloud's clock (ours plus this offset), so
 * a measured offset is corrected for; one near the freshness window means a clock that drifts
 * before it is measured again can lose pushes, and the token request itself is time-checked.
 */
export function ClockOffset({ status }: { status: ConnectionStatus }) {
  const { t, i18n } = useTranslation()
  const ms = status.clock_offset_ms
  const measured = status.clock_offset_measured_at
  const seconds = new Intl.NumberFormat(localeOf(i18n.language), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(
    Math.abs(ms) / 1000
  )
  const limitSec = Math.min(status.push_freshness.max_age_sec, status.push_freshness.max_future_sec)
  // the offset is kept in memory before it is saved (with its time): a non-zero one is a measurement
  const unmeasured = measured === null && ms === 0
  const large = !unmeasured && Math.abs(ms) >= (limitSec * 1000) / 2
  const direction = Math.abs(ms) < 1000 ? "inStep" : ms > 0 ? "behind" : "ahead"
  return (
    <div className="flex flex-col gap-y-1" data-testid="yly-clock-offset" data-offset-ms={ms} data-large={large || undefined}>
      {unmeasured ? (
        <Text size="small">{t("yilianyun.connection.clock.notMeasured")}</Text>
      ) : (
        <>
          <span data-testid="yly-clock-offset-text">{t(`yilianyun.connection.clock.${direction}`, { seconds })}</span>
          {measured && (
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t("yilianyun.connection.clock.measuredAt", { at: formatDateTime(measured, i18n.language) })}
            </Text>
          )}
        </>
      )}
      {large && (
        <Alert variant="warning" data-testid="yly-clock-warning">
          {t("yilianyun.connection.clock.large", {
            seconds,
            age: status.push_freshness.max_age_sec,
            future: status.push_freshness.max_future_sec,
          })}
        </Alert>
      )}
    </div>
  )
}

const KNOWN_REASONS = ["bad_sign", "stale", "future", "malformed", "unreadable"]

/** Pushes the hook refused, by reason: how many, the last one, and what the reason means. */
export function PushRefusalList({ status }: { status: ConnectionStatus }) {
  const { t, i18n } = useTranslation()
  const refusals = status.push_refusals ?? []
  if (!refusals.length) {
    return (
      <Text size="small" data-testid="yly-push-refusals-none">
        {t("yilianyun.connection.refusals.none")}
      </Text>
    )
  }
  return (
    <ul className="flex flex-col gap-y-2" data-testid="yly-push-refusals">
      {refusals.map((r) => {
        const known = KNOWN_REASONS.includes(r.reason)
        return (
          <li key={r.reason} className="flex flex-col gap-y-0.5" data-testid="yly-push-refusal" data-reason={r.reason} data-count={r.count}>
            <span className="flex flex-wrap items-center gap-x-2">
              <Badge size="2xsmall" color={r.reason === "bad_sign" ? "red" : "orange"}>
                {known ? t(`yilianyun.connection.refusals.label.${r.reason}`) : r.reason}
              </Badge>
              <span>
                {t("yilianyun.connection.refusals.count", {
                  count: r.count,
                  at: formatDateTime(r.last_at, i18n.language),
                })}
                {r.last_cmd ? ` (${r.last_cmd})` : ""}
              </span>
            </span>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {known
                ? t(`yilianyun.connection.refusals.meaning.${r.reason}`, {
                    age: status.push_freshness.max_age_sec,
                    future: status.push_freshness.max_future_sec,
                  })
                : t("yilianyun.connection.refusals.meaning.other")}
            </Text>
          </li>
        )
      })}
    </ul>
  )
}
