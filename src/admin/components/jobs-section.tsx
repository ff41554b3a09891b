import { Button, Checkbox, Container, Heading, Select, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { api, Job, usePluginMutation, useJobs } from "../lib/api"
import { ApiError } from "../lib/client"
import { timeAgo } from "../lib/format"
import { EmptyState, ErrorState, Loading } from "./common"
import { JobTemplate } from "./job-template"
import { JobStatusBadge } from "./status-badges"

const VIEWS = ["failed,stuck", "failed", "stuck", "pending"] as const

/** Failed and stuck print jobs across orders, with the reason, and retry (each retry a reprint). */
export function JobsSection() {
  const { t } = useTranslation()
  const [view, setView] = useState<(typeof VIEWS)[number]>("failed,stuck")
  const [selected, setSelected] = useState<string[]>([])
  const jobs = useJobs(view)
  const retry = usePluginMutation((ids: string[]) => api.retryJobs(ids))

  const rows = jobs.data?.jobs ?? []
  const retryable = (j: Job) => j.status !== "printed" && Boolean(j.printer) && !j.reprinted_by
  const selectable = rows.filter(retryable)
  const allSelected = selectable.length > 0 && selectable.every((j) => selected.includes(j.id))

  const onRetry = (ids: string[]) =>
    retry.mutate(ids, {
      onSuccess: (r) => {
        setSelected([])
        toast.success(t("yilianyun.jobs.retried", { count: r.retried.length }))
      },
      onError: (e) => {
        // 409: already retried — the answer names the reprint to look at instead
        toast.error(e instanceof ApiError && e.status === 409 ? t("yilianyun.jobs.alreadyRetried", { id: e.body.reprint_id }) : e.message)
      },
    })

  const reasonOf = (j: Job) => j.stuck_reason ?? j.last_error ?? "—"

  return (
    <Container className="divide-y p-0" data-testid="yly-jobs">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="min-w-0 flex-1">
          <Heading level="h2">{t("yilianyun.jobs.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("yilianyun.jobs.subtitle")}
          </Text>
        </div>
        {/* never shrunk: a squeezed button clips its own label ("Retry selected (0)") */}
        <div className="flex shrink-0 items-center gap-x-2">
          <Select
            size="small"
            value={view}
            onValueChange={(v) => {
              setView(v as (typeof VIEWS)[number])
              setSelected([])
            }}
          >
            <Select.Trigger aria-label={t("yilianyun.jobs.show")} className="min-w-[160px]">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {VIEWS.map((v) => (
                <Select.Item key={v} value={v}>
                  {t(`yilianyun.jobs.views.${v.replace(",", "_")}`)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Button size="small" className="shrink-0 whitespace-nowrap" disabled={!selected.length} isLoading={retry.isPending} onClick={() => onRetry(selected)} data-testid="yly-retry-selected">
            {t("yilianyun.jobs.retrySelected", { count: selected.length })}
          </Button>
        </div>
      </div>
      {jobs.isLoading && <Loading />}
      {jobs.isError && <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data && rows.length === 0 && <EmptyState title={t("yilianyun.jobs.emptyTitle")} description={t("yilianyun.jobs.emptyDescription")} />}
      {rows.length > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell className="w-[1%]">
                  <Checkbox
                    aria-label={t("yilianyun.jobs.selectAll")}
                    checked={allSelected}
                    onCheckedChange={(v) => setSelected(v === true ? selectable.map((j) => j.id) : [])}
                  />
                </Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.jobs.order")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.jobs.printer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.jobs.template")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.jobs.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.jobs.reason")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.jobs.time")}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((j) => (
                <Table.Row key={j.id} data-testid="yly-job-row" data-job-id={j.id}>
                  <Table.Cell>
                    <Checkbox
                      aria-label={t("yilianyun.jobs.select", { order: j.display_id ?? j.order_id })}
                      disabled={!retryable(j)}
                      checked={selected.includes(j.id)}
                      onCheckedChange={(v) => setSelected((s) => (v === true ? [...s, j.id] : s.filter((x) => x !== j.id)))}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <Link to={`/orders/${j.order_id}`} className="text-ui-fg-interactive hover:underline">
                      {j.display_id ? `#${j.display_id}` : j.order_id}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{j.printer ? j.printer.name : <span className="text-ui-fg-muted">{t("yilianyun.jobs.printerRemoved")}</span>}</Table.Cell>
                  <Table.Cell>
                    <JobTemplate job={j} />
                  </Table.Cell>
                  <Table.Cell>
                    <JobStatusBadge status={j.status} />
                  </Table.Cell>
                  <Table.Cell className="max-w-[360px] whitespace-normal">
                    <Text size="xsmall" className="text-ui-fg-subtle" data-testid="yly-job-reason">
                      {reasonOf(j)}
                    </Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Text size="xsmall">{timeAgo(j.created_at, t)}</Text>
                  </Table.Cell>
                  <Table.Cell>
                    <Button size="small" variant="secondary" disabled={!retryable(j) || retry.isPending} onClick={() => onRetry([j.id])}>
                      {t("yilianyun.jobs.retry")}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Container>
  )
}
