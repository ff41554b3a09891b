import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Drawer, Heading, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { EmptyState, ErrorState, Field, Loading } from "../components/common"
import { PrinterSelect, TemplateSelect } from "../components/pickers"
import { PreviewDrawer, ReceiptPreview } from "../components/receipt-preview"
import { JobTemplate } from "../components/job-template"
import { JobStatusBadge } from "../components/status-badges"
import { api, useOrderJobs, usePluginMutation, usePrinters } from "../lib/api"
import { browserTimeZone, formatDateTime, zoneLabel } from "../lib/format"

const DEFAULT = "__default__"

/** Order details: the order's print jobs, the accept/reject decision, reprint and preview. */
const OrderYilianyunWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t, i18n } = useTranslation()
  const jobs = useOrderJobs(order.id)
  const printers = usePrinters()
  const [reprintOpen, setReprintOpen] = useState(false)
  const [previewOpen, setPreviewOpen] = useState(false)
  const summary = jobs.data?.summary
  // the card's times are the browser's; the paper's are the store's (the preview names both)
  const zone = zoneLabel(browserTimeZone(), i18n.language)

  return (
    <Container className="divide-y p-0" data-testid="yly-order-widget">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">{t("yilianyun.order.title")}</Heading>
          {summary && <JobStatusBadge status={summary.status} />}
        </div>
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" onClick={() => setPreviewOpen(true)} disabled={!printers.data?.length}>
            {t("yilianyun.order.preview")}
          </Button>
          <Button size="small" variant="secondary" onClick={() => setReprintOpen(true)} disabled={!printers.data?.length} data-testid="yly-reprint-open">
            {t("yilianyun.order.reprint")}
          </Button>
        </div>
      </div>

      {summary?.decision && (
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 px-6 py-3" data-testid="yly-decision">
          <Text size="small" weight="plus">
            {t("yilianyun.order.decision")}
          </Text>
          <Badge size="2xsmall" color={summary.decision === "accepted" ? "green" : "red"}>
            {summary.decision === "accepted" ? t("yilianyun.order.accepted") : t("yilianyun.order.rejected")}
          </Badge>
          {summary.decided_at && (
            <Text size="small" className="text-ui-fg-subtle" title={zone}>
              {formatDateTime(summary.decided_at, i18n.language)}
            </Text>
          )}
          {summary.decision_note && (
            <Text size="small" className="text-ui-fg-subtle">
              {summary.decision_note}
            </Text>
          )}
        </div>
      )}

      {jobs.isLoading && <Loading />}
      {jobs.isError && <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data && jobs.data.jobs.length === 0 && (
        <EmptyState
          title={t("yilianyun.order.emptyTitle")}
          description={printers.data?.length ? t("yilianyun.order.emptyDescription") : t("yilianyun.order.noPrinters")}
        />
      )}
      {jobs.data && jobs.data.jobs.length > 0 && (
        // a list, not a table: the card sits in the page's narrow side column
        <ul className="divide-y" aria-label={t("yilianyun.order.title")}>
          {jobs.data.jobs.map((j) => (
            <li key={j.id} className="flex flex-col gap-y-1 px-6 py-3" data-testid="yly-order-job" data-job-status={j.status}>
              <div className="flex items-start justify-between gap-x-2">
                <div className="flex min-w-0 flex-col">
                  <Text size="small" weight="plus" className="truncate">
                    <JobTemplate job={j} />
                    {j.reprint_of && (
                      <Badge size="2xsmall" className="ml-2">
                        {t("yilianyun.order.reprintBadge")}
                      </Badge>
                    )}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle truncate">
                    {j.printer?.name ?? t("yilianyun.jobs.printerRemoved")}
                  </Text>
                </div>
                <JobStatusBadge status={j.status} />
              </div>
              <Text size="xsmall" className="text-ui-fg-subtle" title={zone}>
                {formatDateTime(j.printed_at ?? j.sent_at ?? j.created_at, i18n.language)}
              </Text>
              {(j.reprinted_by || j.last_error) && (
                <Text size="xsmall" className={j.status === "failed" ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
                  {j.reprinted_by ? t("yilianyun.order.replaced") : j.last_error}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}

      <ReprintDrawer open={reprintOpen} onOpenChange={setReprintOpen} orderId={order.id} displayId={order.display_id ?? 0} />
      <PreviewDrawer open={previewOpen} onOpenChange={setPreviewOpen} printers={printers.data ?? []} orderId={order.id} />
    </Container>
  )
}

function ReprintDrawer(props: { open: boolean; onOpenChange: (o: boolean) => void; orderId: string; displayId: number }) {
  const { t } = useTranslation()
  const printers = usePrinters()
  const [printerId, setPrinterId] = useState<string>("")
  const [template, setTemplate] = useState(DEFAULT)
  const [error, setError] = useState<string | null>(null)
  const reprint = usePluginMutation(() =>
    api.reprintOrder(props.orderId, { printer_id: printerId, template: template === DEFAULT ? undefined : template })
  )

  useEffect(() => {
    if (props.open) {
      setPrinterId((id) => id || printers.data?.find((p) => p.enabled)?.id || printers.data?.[0]?.id || "")
      setError(null)
    }
  }, [props.open, printers.data])

  const onPrint = () =>
    reprint.mutate(undefined, {
      onSuccess: (r) => {
        const failed = r.jobs.find((j) => j.status === "failed")
        if (failed) {
          setError(failed.last_error ?? t("yilianyun.order.reprintFailed"))
          return
        }
        toast.success(t("yilianyun.order.reprintSent", { order: props.displayId }))
        props.onOpenChange(false)
      },
      onError: (e) => setError(e.message),
    })

  return (
    <Drawer open={props.open} onOpenChange={props.onOpenChange}>
      <Drawer.Content className="max-w-[640px]" data-testid="yly-reprint-drawer">
        <Drawer.Header>
          <Drawer.Title>{t("yilianyun.order.reprintTitle", { order: props.displayId })}</Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle text-sm">{t("yilianyun.order.reprintSubtitle")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <div className="grid grid-cols-2 gap-3">
            <Field id="reprint-printer" label={t("yilianyun.preview.printer")} error={error}>
              <PrinterSelect id="reprint-printer" printers={printers.data ?? []} value={printerId} onChange={setPrinterId} />
            </Field>
            <Field id="reprint-template" label={t("yilianyun.preview.template")}>
              <TemplateSelect
                id="reprint-template"
                value={template}
                onChange={setTemplate}
                defaultValue={DEFAULT}
                defaultLabel={t("yilianyun.order.sameTemplate")}
              />
            </Field>
          </div>
          {props.open && printerId && (
            <ReceiptPreview
              key={`${printerId}|${template}`}
              printers={(printers.data ?? []).filter((p) => p.id === printerId)}
              orderId={props.orderId}
              printerId={printerId}
              template={template === DEFAULT ? "" : template}
              controls={false}
              reprint
            />
          )}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t("yilianyun.common.cancel")}
            </Button>
          </Drawer.Close>
          <Button size="small" onClick={onPrint} isLoading={reprint.isPending} disabled={!printerId} data-testid="yly-reprint-submit">
            {t("yilianyun.order.printNow")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

export const config = defineWidgetConfig({
  // the side column, in view on the first screen: the main column's bottom (below the order's JSON) is off screen
  zone: "order.details.side.before",
})

export default OrderYilianyunWidget
