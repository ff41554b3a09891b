import { Select } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Printer, useTemplates } from "../lib/api"

/** A printer chooser: name · model paper. */
export function PrinterSelect(props: {
  id: string
  printers: Printer[]
  value: string | null
  onChange: (id: string) => void
  disabled?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Select value={props.value || undefined} onValueChange={props.onChange} disabled={props.disabled}>
      <Select.Trigger id={props.id}>
        <Select.Value placeholder={t("yilianyun.preview.noPrinters")} />
      </Select.Trigger>
      <Select.Content>
        {props.printers.map((p) => (
          <Select.Item key={p.id} value={p.id}>
            {p.name} · {p.model} {p.paper_width} mm
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

/** A template chooser: a first "default" entry (`defaultValue`, labelled `defaultLabel`), then every template. */
export function TemplateSelect(props: {
  id: string
  value: string
  onChange: (name: string) => void
  defaultValue: string
  defaultLabel: string
}) {
  const { t } = useTranslation()
  const templates = useTemplates()
  return (
    <Select value={props.value} onValueChange={props.onChange}>
      <Select.Trigger id={props.id}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value={props.defaultValue}>{props.defaultLabel}</Select.Item>
        {(templates.data?.templates ?? []).map((n) => (
          <Select.Item key={n} value={n}>
            {t(`yilianyun.templates.${n}`, { defaultValue: n })}
          </Select.Item>
        ))}
        {(templates.data?.designs ?? []).map((d) => (
          <Select.Item key={d.id} value={d.id}>
            {d.name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}
