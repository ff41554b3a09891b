import { Alert, Select, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { usePrinters, useRecentOrders } from "../../lib/api"
import type { DesignPreview } from "../../lib/designs"
import { formatDateTime } from "../../lib/format"
import { ErrorState, Field, Loading } from "../common"

export const PAPER_58 = "__paper58__"
export const PAPER_80 = "__paper80__"
export const SAMPLE_ORDER = "__sample__"

/**
 * The designer's paper: which printer (its model, width and language) or a bare 58/80 mm paper,
 * which order (a recent one or the sample), and the prints as the printer lays them out — each
 * part of a split receipt ("1/2") on its own.
 */
export function DesignPreviewPanel(props: {
  paper: string
  onPaper: (v: string) => void
  order: string
  onOrder: (v: string) => void
  preview: { data?: DesignPreview; isLoading: boolean; isFetching: boolean; isError: boolean; error: unknown; refetch: () => void }
}) {
  const { t, i18n } = useTranslation()
  const printers = usePrinters()
  const orders = useRecentOrders()
  const p = props.preview
  return (
    <div className="flex flex-col gap-y-3" data-testid="yly-designer-preview">
      <div className="grid grid-cols-2 gap-3">
        <Field id="designer-paper" label={t("yilianyun.designer.paper")}>
          <Select size="small" value={props.paper} onValueChange={props.onPaper}>
            <Select.Trigger id="designer-paper">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {(printers.data ?? []).map((pr) => (
                <Select.Item key={pr.id} value={pr.id}>
                  {pr.name} · {pr.model} {pr.paper_width} mm
                </Select.Item>
              ))}
              <Select.Item value={PAPER_58}>{t("yilianyun.designer.paper58")}</Select.Item>
              <Select.Item value={PAPER_80}>{t("yilianyun.designer.paper80")}</Select.Item>
            </Select.Content>
          </Select>
        </Field>
        <Field id="designer-order" label={t("yilianyun.designer.order")}>
          <Select size="small" value={props.order} onValueChange={props.onOrder}>
            <Select.Trigger id="designer-order">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={SAMPLE_ORDER}>{t("yilianyun.designer.sampleOrder")}</Select.Item>
              {(orders.data ?? []).map((o) => (
                <Select.Item key={o.id} value={o.id}>
                  #{o.display_id} · {formatDateTime(o.created_at, i18n.language)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </Field>
      </div>
      {p.isLoading && <Loading />}
      {p.isError && <ErrorState error={p.error} onRetry={() => p.refetch()} />}
      {p.data && (
        <>
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="yly-designer-meta">
            {t("yilianyun.designer.meta", { columns: p.data.columns, parts: p.data.parts })}
            {p.isFetching ? " …" : ""}
          </Text>
          {p.data.problems.length > 0 && (
            <Alert variant="error" data-testid="yly-designer-problems">
              <Text size="small" weight="plus">
                {t("yilianyun.designer.problems")}
              </Text>
              <ul className="list-disc pl-4">
                {p.data.problems.map((pr) => (
                  <li key={pr.field}>
                    <Text size="small">{pr.message}</Text>
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {p.data.warnings
            .filter((w) => !p.data!.problems.some((pr) => pr.message === w))
            .map((w) => (
              <Alert key={w} variant="warning">
                {w}
              </Alert>
            ))}
          <div className="bg-ui-bg-subtle flex flex-col items-center gap-y-4 overflow-x-auto rounded-lg p-6">
            {p.data.prints.map((print) => (
              <div key={print.part} className="flex flex-col items-center gap-y-1" data-testid="yly-designer-print">
                {print.of > 1 && (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {t("yilianyun.designer.part", { part: print.part, of: print.of })}
                  </Text>
                )}
                <div data-testid="yly-paper" dangerouslySetInnerHTML={{ __html: print.html }} />
              </div>
            ))}
          </div>
          <pre className="sr-only" data-testid="yly-paper-text">
            {p.data.text}
          </pre>
        </>
      )}
    </div>
  )
}
