import { Alert, Badge, Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { api, useConnectionStatus, usePluginMutation } from "../lib/api"
import { formatDateTime } from "../lib/format"
import { ErrorState, Loading } from "./common"
import { ClockOffset, PushCommandList, PushRefusalList, TokenAlerts } from "./connection-health"

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-center px-6 py-3">
      <Text size="small" weight="plus" leading="compact">
        {label}
      </Text>
      <div className="text-ui-fg-base min-w-0 break-all text-sm">{children}</div>
    </div>
  )
}

/**
 * Whether printing can work: credentials, the shared token and its daily budget (and why no token
 * is fetched now), the push URL and each command's registration, the clock, refused pushes.
 */
export function ConnectionSection() {
  const { t, i18n } = useTranslation()
  const status = useConnectionStatus()
  const prompt = usePrompt()
  const reset = usePluginMutation(() => api.resetToken(true))
  const push = usePluginMutation(() => api.registerPushUrl())

  const onReset = async () => {
    const token = status.data?.token
    const ok = await prompt({
      title: t("yilianyun.connection.resetTitle"),
      description: t("yilianyun.connection.resetDescription", { left: token?.budget_left ?? 0, budget: token?.budget ?? 20 }),
      confirmText: t("yilianyun.connection.resetConfirm"),
      cancelText: t("yilianyun.common.cancel"),
      variant: "danger",
    })
    if (!ok) return
    reset.mutate(undefined, {
      onSuccess: (r) => toast.success(t("yilianyun.connection.resetDone", { left: r.token.budget_left, budget: r.token.budget })),
      onError: (e) => toast.error(e.message),
    })
  }

  const onRegister = () =>
    push.mutate(undefined, {
      onSuccess: () => toast.success(t("yilianyun.connection.pushRegistered")),
      onError: (e) => toast.error(e.message),
    })

  return (
    <Container className="divide-y p-0" data-testid="yly-connection">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="min-w-0">
          <Heading level="h2">{t("yilianyun.connection.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("yilianyun.connection.subtitle")}
          </Text>
        </div>
        {status.data?.configured && (
          <Button size="small" className="shrink-0" variant="secondary" onClick={onReset} isLoading={reset.isPending} disabled={!status.data.token}>
            {t("yilianyun.connection.resetToken")}
          </Button>
        )}
      </div>
      {status.isLoading && <Loading />}
      {status.isError && <ErrorState error={status.error} onRetry={() => status.refetch()} />}
      {status.data && !status.data.configured && (
        <div className="px-6 py-4">
          <Alert variant="warning">{t("yilianyun.connection.notConfigured")}</Alert>
        </div>
      )}
      {status.data && (
        <>
          <Row label={t("yilianyun.connection.configured")}>
            <Badge size="2xsmall" color={status.data.configured ? "green" : "orange"} data-testid="yly-configured">
              {status.data.configured ? t("yilianyun.common.yes") : t("yilianyun.common.no")}
            </Badge>
          </Row>
          <Row label={t("yilianyun.connection.apiUrl")}>{status.data.api_url}</Row>
          {status.data.token && (
            <>
              <TokenAlerts token={status.data.token} />
              <Row label={t("yilianyun.connection.token")}>
                {status.data.token.present
                  ? t("yilianyun.connection.tokenPresent", { at: formatDateTime(status.data.token.obtained_at, i18n.language) })
                  : t("yilianyun.connection.tokenAbsent")}
              </Row>
              <Row label={t("yilianyun.connection.fetches")}>
                <span data-testid="yly-fetches">
                  {t("yilianyun.connection.fetchesUsed", {
                    used: status.data.token.fetches_last_24h,
                    budget: status.data.token.budget,
                  })}
                </span>
                <Text size="xsmall" className="text-ui-fg-subtle" data-testid="yly-fetches-left">
                  {status.data.token.attempts_last_24h > status.data.token.fetches_last_24h
                    ? t("yilianyun.connection.fetchesLeftAttempts", {
                        left: status.data.token.budget_left,
                        attempts: status.data.token.attempts_last_24h,
                      })
                    : t("yilianyun.connection.fetchesLeft", { left: status.data.token.budget_left })}
                </Text>
                {status.data.token.budget_frees_at && (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {t("yilianyun.connection.freesAt", { at: formatDateTime(status.data.token.budget_frees_at, i18n.language) })}
                  </Text>
                )}
              </Row>
            </>
          )}
          <Row label={t("yilianyun.connection.pushUrl")}>
            {status.data.push_url ? (
              <div className="flex flex-col gap-y-1">
                <span>{status.data.push_url}</span>
                <div className="flex items-center gap-x-2">
                  <Badge size="2xsmall" color={status.data.push_url_registered ? "green" : "orange"}>
                    {status.data.push_url_registered
                      ? t("yilianyun.connection.pushRegisteredAt", {
                          at: formatDateTime(status.data.push_url_registered_at, i18n.language),
                        })
                      : t("yilianyun.connection.pushNotRegistered")}
                  </Badge>
                  {status.data.configured && (
                    <Button size="small" variant="transparent" onClick={onRegister} isLoading={push.isPending}>
                      {status.data.push_url_registered ? t("yilianyun.connection.pushRegisterAgain") : t("yilianyun.connection.pushRegister")}
                    </Button>
                  )}
                </div>
              </div>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                {t("yilianyun.connection.pushUnset")}
              </Text>
            )}
          </Row>
          {status.data.configured && status.data.push_url && (
            <Row label={t("yilianyun.connection.pushCommands")}>
              <PushCommandList status={status.data} />
            </Row>
          )}
          {status.data.configured && (
            <>
              <Row label={t("yilianyun.connection.clock.label")}>
                <ClockOffset status={status.data} />
              </Row>
              <Row label={t("yilianyun.connection.refusals.title")}>
                <PushRefusalList status={status.data} />
              </Row>
            </>
          )}
        </>
      )}
    </Container>
  )
}
