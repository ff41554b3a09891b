import { Checkbox, Input, Label, Select, Text, Textarea } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { DesignBlock, DesignCatalog } from "../../lib/designs"

/** The options of one block beyond size, bold and alignment: columns, lines, texts, switches. */
export function BlockOptions(props: { block: DesignBlock; index: number; catalog: DesignCatalog; onChange: (b: DesignBlock) => void; disabled?: boolean }) {
  const { t } = useTranslation()
  const { block, index, onChange, disabled } = props
  const id = (name: string) => `block-${index}-${name}`
  const set = (patch: Record<string, unknown>) => onChange({ ...block, ...patch })
  const check = (name: string, label: string, value: boolean, onValue: (v: boolean) => void) => (
    <div key={name} className="flex items-center gap-x-2">
      <Checkbox id={id(name)} checked={value} disabled={disabled} onCheckedChange={(v) => onValue(v === true)} />
      <Label htmlFor={id(name)} size="xsmall">
        {label}
      </Label>
    </div>
  )
  const flags = (field: "columns" | "lines", keys: string[], label: (k: string) => string) => {
    const value = (block[field] ?? {}) as Record<string, boolean>
    return (
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {keys.map((k) => check(`${field}-${k}`, label(k), Boolean(value[k]), (v) => set({ [field]: { ...value, [k]: v } })))}
      </div>
    )
  }

  switch (block.type) {
    case "items":
      return (
        <div className="flex flex-col gap-y-2">
          {flags("columns", props.catalog.item_columns, (k) => t(`yilianyun.designer.columns.${k}`))}
          {check("checkbox", t("yilianyun.designer.checkbox"), Boolean(block.checkbox), (v) => set({ checkbox: v }))}
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("yilianyun.designer.itemsHint")}
          </Text>
        </div>
      )
    case "totals":
      return (
        <div className="flex flex-col gap-y-2">
          {flags("lines", props.catalog.total_lines, (k) => t(`yilianyun.designer.totals.${k}`))}
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("yilianyun.designer.totalsHint")}
          </Text>
        </div>
      )
    case "recipient":
      return (
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {["name", "phone", "mask_phone", "address"].map((k) =>
            check(k, t(`yilianyun.designer.recipient.${k}`), Boolean(block[k]), (v) => set({ [k]: v }))
          )}
        </div>
      )
    case "shop_header":
      return check("header_lines", t("yilianyun.designer.headerLines"), Boolean(block.header_lines), (v) => set({ header_lines: v }))
    case "order_number":
      return check("label", t("yilianyun.designer.orderLabel"), Boolean(block.label), (v) => set({ label: v }))
    case "title":
      return (
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={id("text")} size="xsmall">
            {t("yilianyun.designer.titleText")}
          </Label>
          <Input id={id("text")} size="small" maxLength={props.catalog.limits.title} disabled={disabled} value={String(block.text ?? "")} onChange={(e) => set({ text: e.target.value })} />
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("yilianyun.designer.titleHint")}
          </Text>
        </div>
      )
    case "text":
      return (
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={id("text")} size="xsmall">
            {t("yilianyun.designer.text")}
          </Label>
          <Textarea id={id("text")} rows={3} maxLength={props.catalog.limits.text} disabled={disabled} value={String(block.text ?? "")} onChange={(e) => set({ text: e.target.value })} />
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("yilianyun.designer.textHint")}
          </Text>
        </div>
      )
    case "qr":
      return (
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={id("url")} size="xsmall">
            {t("yilianyun.designer.qrUrl")}
          </Label>
          <Input id={id("url")} size="small" maxLength={props.catalog.limits.qrUrl} disabled={disabled} value={String(block.url ?? "")} placeholder="https://shop.example.com/o/{display_id}" onChange={(e) => set({ url: e.target.value })} />
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t("yilianyun.designer.qrHint")}
          </Text>
        </div>
      )
    case "rule":
      return (
        <Pick id={id("char")} label={t("yilianyun.designer.ruleChar")} value={String(block.char)} options={props.catalog.rule_chars.map((c) => [c, c.repeat(8)])} onChange={(v) => set({ char: v })} disabled={disabled} />
      )
    case "feed":
      return (
        <Pick
          id={id("lines")}
          label={t("yilianyun.designer.feedLines")}
          value={String(block.lines)}
          options={Array.from({ length: props.catalog.limits.feedLines }, (_, i) => [String(i + 1), String(i + 1)])}
          onChange={(v) => set({ lines: Number(v) })}
          disabled={disabled}
        />
      )
    default:
      return null
  }
}

function Pick(props: { id: string; label: string; value: string; options: string[][]; onChange: (v: string) => void; disabled?: boolean }) {
  return (
    <div className="flex items-center gap-x-2">
      <Label htmlFor={props.id} size="xsmall">
        {props.label}
      </Label>
      <div className="w-32">
        <Select size="small" value={props.value} onValueChange={props.onChange} disabled={props.disabled}>
          <Select.Trigger id={props.id}>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {props.options.map(([value, label]) => (
              <Select.Item key={value} value={value}>
                {label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
    </div>
  )
}

/** Whether a block type has options beyond size, bold and alignment. */
export const hasOptions = (type: string) =>
  ["items", "totals", "recipient", "shop_header", "order_number", "title", "text", "qr", "rule", "feed"].includes(type)
