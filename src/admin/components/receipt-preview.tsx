import { Alert, Drawer, Select, Switch, Label, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Printer, usePreview, useRecentOrders } from "../lib/api"
import { browserTimeZone, formatShortDateTime, zoneLabel } from "../lib/format"
import { EmptyState, ErrorState, Field, Loading } from "./common"
import { PrinterSelect, TemplateSelect } from "./pickers"

const DEFAULT = "__default__"

/**
 * The paper as it will print: the server renders the order with the printer's profile (model,
 * width, language, merchant texts) and lays it out as the printer does; the HTML it returns has
 * every text escaped, so it is shown as is.
 */
export function ReceiptPreview(props: {
  printers: Printer[]
  /** fixed order (order page) — otherwise the merchant picks one of the recent orders */
  orderId?: string
  /** preselected printer (printers table) */
  printerId?: string
  reprint?: boolean
  /** a fixed template ("" = the printer's own) */
  template?: string
  /** show the order / printer / template pickers (default true) */
  controls?: boolean
}) {
  const { t, i18n } = useTranslation()
  const [orderId, setOrderId] = useState<string | null>(props.orderId ?? null)
  const [printerId, setPrinterId] = useState<string | null>(props.printerId ?? props.printers[0]?.id ?? null)
  const [template, setTemplate] = useState(props.template || DEFAULT)
  const controls = props.controls !== false
  const [reprint, setReprint] = useState(Boolean(props.reprint))
  const orders = useRecentOrders()
  const preview = usePreview(orderId, printerId, template === DEFAULT ? "" : template, reprint)
  const printer = props.printers.find((p) => p.id === printerId)

  useEffect(() => {
    if (!props.orderId && !orderId && orders.data?.length) setOrderId(orders.data[0].id)
  }, [orders.data, orderId, props.orderId])

  return (
    <div className="flex flex-col gap-y-4" data-testid="yly-preview">
      {controls && <div className="grid grid-cols-2 gap-3">
        {!props.orderId && (
          <Field id="preview-order" label={t("yilianyun.preview.order")}>
            <Select value={orderId ?? undefined} onValueChange={setOrderId} disabled={!orders.data?.length}>
              {/* one line: the number and a short time; the e-mail only in the list, where there is room */}
              <Select.Trigger id="preview-order" className="min-w-0 whitespace-nowrap [&>span]:truncate">
                <Select.Value placeholder={orders.isLoading ? t("yilianyun.common.loading") : t("yilianyun.preview.noOrders")} />
              </Select.Trigger>
              <Select.Content>
                {(orders.data ?? []).map((o) => (
                  <Select.Item key={o.id} value={o.id} title={o.email ?? undefined}>
                    #{o.display_id} · {formatShortDateTime(o.created_at, i18n.language)}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </Field>
        )}
        <Field id="preview-printer" label={t("yilianyun.preview.printer")}>
          <PrinterSelect
            id="preview-printer"
            printers={props.printers}
            value={printerId}
            onChange={setPrinterId}
            disabled={!props.printers.length}
          />
        </Field>
        <Field id="preview-template" label={t("yilianyun.preview.template")}>
          <TemplateSelect
            id="preview-template"
            value={template}
            onChange={setTemplate}
            defaultValue={DEFAULT}
            defaultLabel={t("yilianyun.preview.printerDefault")}
          />
        </Field>
        <div className="flex items-center gap-x-2 pt-6">
          <Switch id="preview-reprint" checked={reprint} onCheckedChange={setReprint} />
          <Label htmlFor="preview-reprint" size="small">
            {t("yilianyun.preview.asReprint")}
          </Label>
        </div>
      </div>}

      {!props.printers.length && <EmptyState title={t("yilianyun.preview.noPrinters")} />}
      {!props.orderId && orders.data && !orders.data.length && <EmptyState title={t("yilianyun.preview.noOrders")} description={t("yilianyun.preview.noOrdersHint")} />}
      {preview.isLoading && <Loading label={t("yilianyun.preview.rendering")} />}
      {preview.isError && <ErrorState error={preview.error} onRetry={() => preview.refetch()} />}
      {preview.data && (
        <>
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="yly-preview-meta">
            {t("yilianyun.preview.meta", {
              template: t(`yilianyun.templates.${preview.data.template}`, { defaultValue: preview.data.template }),
              columns: preview.data.columns,
              width: printer?.paper_width ?? "",
              model: printer?.model ?? "",
              parts: preview.data.parts,
            })}
          </Text>
          {preview.data.timezone && (
            <Text size="xsmall" className="text-ui-fg-subtle" data-testid="yly-preview-zones">
              {t("yilianyun.health.paperTimes", { zone: zoneLabel(preview.data.timezone, i18n.language) })}
              {" · "}
              {t("yilianyun.health.yourTimes", { zone: zoneLabel(browserTimeZone(), i18n.language) })}
            </Text>
          )}
          {preview.data.warnings.map((w) => (
            <Alert key={w} variant="warning">
              {w}
            </Alert>
          ))}
          <div className="bg-ui-bg-subtle flex justify-center overflow-x-auto rounded-lg p-6">
            <div data-testid="yly-paper" dangerouslySetInnerHTML={{ __html: preview.data.html }} />
          </div>
          <pre className="sr-only" data-testid="yly-paper-text">
            {preview.data.text}
          </pre>
        </>
      )}
    </div>
  )
}

/** The preview in a side drawer. */
export function PreviewDrawer(props: {
  open: boolean
  onOpenChange: (o: boolean) => void
  printers: Printer[]
  orderId?: string
  printerId?: string
}) {
  const { t } = useTranslation()
  return (
    <Drawer open={props.open} onOpenChange={props.onOpenChange}>
      <Drawer.Content className="max-w-[640px]">
        <Drawer.Header>
          <Drawer.Title>{t("yilianyun.preview.title")}</Drawer.Title>
          <Drawer.Description className="text-ui-fg-subtle text-sm">{t("yilianyun.preview.subtitle")}</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="overflow-y-auto">
          {props.open && <ReceiptPreview printers={props.printers} orderId={props.orderId} printerId={props.printerId} />}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
