import { EllipsisHorizontal } from "@medusajs/icons"
import { Alert, Badge, Button, Container, DropdownMenu, Heading, IconButton, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { api, Printer, QueueRow, usePluginMutation, usePrinters, useQueue } from "../lib/api"
import { timeAgo } from "../lib/format"
import { EmptyState, ErrorState, Loading } from "./common"
import { DeviceDrawer } from "./device-drawer"
import { PrinterForm } from "./printer-form"
import { PreviewDrawer } from "./receipt-preview"
import { PrinterStatusBadge } from "./status-badges"

/** The printers table with its stale-printer banners, and every per-printer action. */
export function PrintersSection() {
  const { t } = useTranslation()
  const printers = usePrinters()
  const queue = useQueue()
  const prompt = usePrompt()
  const [formFor, setFormFor] = useState<Printer | null | "new">(null)
  const [deviceFor, setDeviceFor] = useState<Printer | null>(null)
  const [previewFor, setPreviewFor] = useState<Printer | null>(null)

  const test = usePluginMutation((p: Printer) => api.testPrint(p.id))
  const live = usePluginMutation((p: Printer) => api.liveStatus(p.id))
  const remove = usePluginMutation((p: Printer) => api.deletePrinter(p.id))
  const toggle = usePluginMutation((p: Printer) => api.updatePrinter(p.id, { enabled: !p.enabled }))

  const queueOf = (id: string): QueueRow | undefined => queue.data?.printers.find((q) => q.printer_id === id)
  const stale = (printers.data ?? []).filter((p) => queueOf(p.id)?.stale)

  const onTest = (p: Printer) =>
    test.mutate(p, {
      onSuccess: () => toast.success(t("yilianyun.printers.testSent", { name: p.name })),
      onError: (e) => toast.error(e.message),
    })
  const onLive = (p: Printer) =>
    live.mutate(p, {
      onSuccess: (r) => toast.info(t("yilianyun.printers.liveStatus", { name: p.name, status: t(`yilianyun.printerStatus.${r.status}`) })),
      onError: (e) => toast.error(e.message),
    })
  const onToggle = (p: Printer) =>
    toggle.mutate(p, {
      onSuccess: (r) => toast.success(r.enabled ? t("yilianyun.printers.enabledNow", { name: p.name }) : t("yilianyun.printers.disabledNow", { name: p.name })),
      onError: (e) => toast.error(e.message),
    })
  const onDelete = async (p: Printer) => {
    const waiting = queueOf(p.id)?.waiting ?? 0
    const ok = await prompt({
      title: t("yilianyun.printers.deleteTitle", { name: p.name }),
      description: t("yilianyun.printers.deleteDescription", { code: p.machine_code, count: waiting }),
      confirmText: t("yilianyun.common.delete"),
      cancelText: t("yilianyun.common.cancel"),
      variant: "danger",
    })
    if (!ok) return
    remove.mutate(p, {
      onSuccess: () => toast.success(t("yilianyun.printers.deleted", { name: p.name })),
      onError: (e) => toast.error(e.message),
    })
  }

  return (
    <Container className="divide-y p-0" data-testid="yly-printers">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="min-w-0">
          <Heading level="h2">{t("yilianyun.printers.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("yilianyun.printers.subtitle")}
          </Text>
        </div>
        <Button size="small" className="shrink-0" variant="secondary" onClick={() => setFormFor("new")} data-testid="yly-add-printer">
          {t("yilianyun.printers.add")}
        </Button>
      </div>

      {stale.map((p) => {
        const q = queueOf(p.id)!
        return (
          <div key={p.id} className="px-6 py-3">
            <Alert variant="warning" data-testid="yly-stale-banner">
              {t("yilianyun.printers.staleBanner", {
                name: p.name,
                // only what is late: jobs that have not reached the cloud, or sat there unconfirmed
                count: q.late,
                seen: timeAgo(q.last_seen_at, t),
                minutes: queue.data?.stale_after_minutes ?? 10,
              })}
            </Alert>
          </div>
        )
      })}

      {printers.isLoading && <Loading />}
      {printers.isError && <ErrorState error={printers.error} onRetry={() => printers.refetch()} />}
      {printers.data && printers.data.length === 0 && (
        <EmptyState
          title={t("yilianyun.printers.emptyTitle")}
          description={t("yilianyun.printers.emptyDescription")}
          action={
            <Button size="small" onClick={() => setFormFor("new")}>
              {t("yilianyun.printers.add")}
            </Button>
          }
        />
      )}
      {printers.data && printers.data.length > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("yilianyun.printers.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.machineCode")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.model")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.paper")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.mode")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.queue")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.printers.enabled")}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {printers.data.map((p) => {
                const q = queueOf(p.id)
                return (
                  <Table.Row key={p.id} data-testid="yly-printer-row" data-machine-code={p.machine_code}>
                    <Table.Cell>{p.name}</Table.Cell>
                    <Table.Cell className="font-mono">{p.machine_code}</Table.Cell>
                    <Table.Cell>{p.model}</Table.Cell>
                    <Table.Cell>{p.paper_width} mm</Table.Cell>
                    <Table.Cell>{p.mode === "confirm" ? t("yilianyun.printers.modeConfirm") : t("yilianyun.printers.modeAuto")}</Table.Cell>
                    <Table.Cell>
                      <div className="flex flex-col gap-y-0.5 py-1">
                        {/* the derived status: a print or a push newer than the stored status counts */}
                        <PrinterStatusBadge status={q?.status ?? p.status} />
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {t("yilianyun.printers.lastSeen", { when: timeAgo(q?.last_seen_at ?? null, t) })}
                        </Text>
                      </div>
                    </Table.Cell>
                    <Table.Cell>
                      {q && (q.waiting > 0 || q.unconfirmed > 0 || q.failed > 0) ? (
                        <Text size="xsmall" className="whitespace-nowrap" data-testid="yly-printer-queue">
                          {[
                            q.waiting > 0 && <span key="w">{t("yilianyun.printers.waitingCount", { count: q.waiting })}</span>,
                            q.unconfirmed > 0 && <span key="u">{t("yilianyun.health.unconfirmedCount", { count: q.unconfirmed })}</span>,
                            q.failed > 0 && <span key="f" className="text-ui-fg-error">{t("yilianyun.printers.failedCount", { count: q.failed })}</span>,
                          ]
                            .filter(Boolean)
                            .flatMap((el, i) => (i ? [" · ", el] : [el]))}
                        </Text>
                      ) : (
                        <Text data-testid="yly-printer-queue" size="xsmall" className="text-ui-fg-muted">
                          {t("yilianyun.printers.queueEmpty")}
                        </Text>
                      )}
                    </Table.Cell>
                    <Table.Cell>
                      <Badge size="2xsmall" color={p.enabled ? "green" : "grey"}>
                        {p.enabled ? t("yilianyun.common.yes") : t("yilianyun.common.no")}
                      </Badge>
                    </Table.Cell>
                    <Table.Cell>
                      <div className="flex items-center gap-x-1">
                        <Button size="small" variant="transparent" className="whitespace-nowrap" onClick={() => onTest(p)} isLoading={test.isPending && test.variables?.id === p.id}>
                          {t("yilianyun.printers.testPrint")}
                        </Button>
                        <DropdownMenu>
                          <DropdownMenu.Trigger asChild>
                            <IconButton size="small" variant="transparent" aria-label={t("yilianyun.printers.actionsFor", { name: p.name })}>
                              <EllipsisHorizontal />
                            </IconButton>
                          </DropdownMenu.Trigger>
                          <DropdownMenu.Content align="end">
                            <DropdownMenu.Item onClick={() => setFormFor(p)}>{t("yilianyun.printers.edit")}</DropdownMenu.Item>
                            <DropdownMenu.Item onClick={() => onLive(p)}>{t("yilianyun.printers.checkStatus")}</DropdownMenu.Item>
                            <DropdownMenu.Item onClick={() => setPreviewFor(p)}>{t("yilianyun.printers.preview")}</DropdownMenu.Item>
                            <DropdownMenu.Item onClick={() => setDeviceFor(p)}>{t("yilianyun.printers.device")}</DropdownMenu.Item>
                            <DropdownMenu.Item onClick={() => onToggle(p)}>
                              {p.enabled ? t("yilianyun.printers.disable") : t("yilianyun.printers.enable")}
                            </DropdownMenu.Item>
                            <DropdownMenu.Separator />
                            <DropdownMenu.Item onClick={() => onDelete(p)} className="text-ui-fg-error">
                              {t("yilianyun.common.delete")}
                            </DropdownMenu.Item>
                          </DropdownMenu.Content>
                        </DropdownMenu>
                      </div>
                    </Table.Cell>
                  </Table.Row>
                )
              })}
            </Table.Body>
          </Table>
        </div>
      )}

      <PrinterForm open={formFor !== null} onOpenChange={(o) => !o && setFormFor(null)} printer={formFor === "new" ? null : formFor} />
      <DeviceDrawer key={deviceFor?.id ?? "none"} printer={deviceFor} onOpenChange={(o) => !o && setDeviceFor(null)} />
      <PreviewDrawer
        open={previewFor !== null}
        onOpenChange={(o) => !o && setPreviewFor(null)}
        printers={printers.data ?? []}
        printerId={previewFor?.id}
      />
    </Container>
  )
}
