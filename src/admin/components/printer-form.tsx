import { Alert, Button, Checkbox, FocusModal, Heading, Input, Label, RadioGroup, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { api, Printer, PrinterInput, usePluginMutation, useRoutingOptions, useTemplates } from "../lib/api"
import { ApiError } from "../lib/client"
import { linesOf } from "../lib/format"
import { MODEL_FAMILIES } from "../../receipt/profiles"
import { Field } from "./common"

const ANY = "__any__"
/** the built-in templates in the order merchants think of them; store templates follow */
const TEMPLATE_ORDER = ["receipt", "kitchen", "packing", "cancel"]

type FormState = {
  machine_code: string
  msign: string
  name: string
  model: string
  paper_width: "58" | "80"
  mode: "auto" | "confirm"
  copies: string
  enabled: boolean
  templates: Record<string, string[]>
  sales_channel_id: string
  stock_location_id: string
  product_type_ids: string[]
  category_ids: string[]
  shop_name: string
  header: string
  footer: string
  qr_url: string
  language: "zh-CN" | "en"
}

function initialState(p: Printer | null): FormState {
  const s = p?.receipt_settings ?? {}
  return {
    machine_code: p?.machine_code ?? "",
    msign: "",
    name: p?.name ?? "",
    model: p?.model ?? "K4",
    paper_width: String(p?.paper_width ?? 58) as "58" | "80",
    mode: p?.mode ?? "auto",
    copies: String(p?.copies ?? 1),
    enabled: p?.enabled ?? true,
    templates: p?.templates ?? { "order.placed": ["receipt"] },
    sales_channel_id: p?.sales_channel_id ?? ANY,
    stock_location_id: p?.stock_location_id ?? ANY,
    product_type_ids: p?.product_type_ids ?? [],
    category_ids: p?.category_ids ?? [],
    shop_name: s.shop_name ?? "",
    header: (s.header_lines ?? []).join("\n"),
    footer: (s.footer_lines ?? []).join("\n"),
    qr_url: s.qr_url ?? "",
    language: s.language ?? "zh-CN",
  }
}

function toInput(f: FormState, existing: Printer | null): PrinterInput {
  const templates = Object.fromEntries(Object.entries(f.templates).filter(([, names]) => names.length))
  const receipt = {
    ...(existing?.receipt_settings ?? {}),
    shop_name: f.shop_name.trim() || undefined,
    header_lines: linesOf(f.header),
    footer_lines: linesOf(f.footer),
    qr_url: f.qr_url.trim() || undefined,
    language: f.language,
  }
  const body: PrinterInput = {
    name: f.name.trim() || undefined,
    model: f.model,
    paper_width: Number(f.paper_width) as 58 | 80,
    mode: f.mode,
    copies: Number(f.copies),
    enabled: f.enabled,
    templates,
    sales_channel_id: f.sales_channel_id === ANY ? null : f.sales_channel_id,
    stock_location_id: f.stock_location_id === ANY ? null : f.stock_location_id,
    product_type_ids: f.product_type_ids.length ? f.product_type_ids : null,
    category_ids: f.category_ids.length ? f.category_ids : null,
    receipt_settings: receipt,
  }
  if (!existing) {
    body.machine_code = f.machine_code.trim()
    body.msign = f.msign.trim()
  }
  return body
}

/** Which form field an error of the API is about (body field names → form field ids). */
function formFieldOf(field: string | null): string | null {
  if (!field) return null
  const top = field.split(/[.,\s]/)[0]
  const map: Record<string, string> = { header_lines: "header", footer_lines: "footer", receipt_settings: "shop_name" }
  if (top === "receipt_settings") {
    const inner = field.split(/[.,\s]+/)[1]
    if (inner === "header_lines") return "header"
    if (inner === "footer_lines") return "footer"
    if (inner) return inner
  }
  return map[top] ?? top
}

/** Add a printer (machine code + key from its label) or edit one: settings, templates, routing, receipt texts. */
export function PrinterForm({ open, onOpenChange, printer }: { open: boolean; onOpenChange: (o: boolean) => void; printer: Printer | null }) {
  const { t } = useTranslation()
  const [form, setForm] = useState<FormState>(() => initialState(printer))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const templates = useTemplates()
  const routing = useRoutingOptions()
  const editing = Boolean(printer)

  useEffect(() => {
    if (open) {
      setForm(initialState(printer))
      setErrors({})
      setFormError(null)
    }
  }, [open, printer])

  const save = usePluginMutation((body: PrinterInput) => (printer ? api.updatePrinter(printer.id, body) : api.createPrinter(body)))
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }))

  const triggers = templates.data?.triggers ?? ["order.placed"]
  const designs = templates.data?.designs ?? []
  // built-in and store templates, then the receipt designs (named by id, shown by name)
  const templateNames = [
    ...[...(templates.data?.templates ?? TEMPLATE_ORDER)].sort(
      (a, b) => (TEMPLATE_ORDER.indexOf(a) + 1 || 99) - (TEMPLATE_ORDER.indexOf(b) + 1 || 99)
    ),
    ...designs.map((d) => d.id),
  ]
  const templateLabel = (n: string) => designs.find((d) => d.id === n)?.name ?? t(`yilianyun.templates.${n}`, { defaultValue: n })

  const toggleTemplate = (trigger: string, name: string, on: boolean) =>
    setForm((f) => {
      const current = f.templates[trigger] ?? []
      const next = on ? [...current.filter((n) => n !== name), name] : current.filter((n) => n !== name)
      return { ...f, templates: { ...f.templates, [trigger]: next } }
    })

  const clientErrors = useMemo(() => {
    const e: Record<string, string> = {}
    if (!editing) {
      if (!/^\d{6,20}$/.test(form.machine_code.trim())) e.machine_code = t("yilianyun.form.errors.machineCode")
      if (!form.msign.trim()) e.msign = t("yilianyun.form.errors.msign")
    }
    const copies = Number(form.copies)
    if (!Number.isInteger(copies) || copies < 1 || copies > 9) e.copies = t("yilianyun.form.errors.copies")
    if (form.qr_url.trim() && !/^https?:\/\/\S+$/i.test(form.qr_url.trim())) e.qr_url = t("yilianyun.form.errors.qrUrl")
    if (!Object.values(form.templates).some((n) => n.length)) e.templates = t("yilianyun.form.errors.templates")
    return e
  }, [form, editing, t])

  const onSubmit = () => {
    setFormError(null)
    if (Object.keys(clientErrors).length) {
      setErrors(clientErrors)
      return
    }
    setErrors({})
    save.mutate(toInput(form, printer), {
      onSuccess: (p) => {
        toast.success(editing ? t("yilianyun.form.saved", { name: p.name }) : t("yilianyun.form.added", { name: p.name }))
        onOpenChange(false)
      },
      onError: (e) => {
        const field = formFieldOf(e instanceof ApiError ? e.field : null)
        if (field && field in form) setErrors({ [field]: e.message })
        else setFormError(e.message)
      },
    })
  }

  const err = (k: string) => errors[k] ?? null

  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content>
        <FocusModal.Header>
          <div className="flex w-full items-center justify-end gap-x-2">
            <FocusModal.Close asChild>
              <Button size="small" variant="secondary">
                {t("yilianyun.common.cancel")}
              </Button>
            </FocusModal.Close>
            <Button size="small" onClick={onSubmit} isLoading={save.isPending} data-testid="yly-printer-save">
              {editing ? t("yilianyun.common.save") : t("yilianyun.form.addAndAuthorize")}
            </Button>
          </div>
        </FocusModal.Header>
        <FocusModal.Body className="flex flex-col items-center overflow-y-auto py-12">
          <div className="flex w-full max-w-[720px] flex-col gap-y-8 px-4">
            <div>
              <Heading>{editing ? t("yilianyun.form.editTitle", { name: printer?.name }) : t("yilianyun.form.addTitle")}</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                {editing ? t("yilianyun.form.editSubtitle") : t("yilianyun.form.addSubtitle")}
              </Text>
            </div>
            {formError && (
              <Alert variant="error" data-testid="yly-form-error">
                {formError}
              </Alert>
            )}

            {!editing && (
              <section className="flex flex-col gap-y-4">
                <Alert variant="info">{t("yilianyun.form.labelHelp")}</Alert>
                <div className="grid grid-cols-2 gap-4">
                  <Field id="machine_code" label={t("yilianyun.form.machineCode")} error={err("machine_code")} hint={t("yilianyun.form.machineCodeHint")}>
                    <Input id="machine_code" inputMode="numeric" autoComplete="off" value={form.machine_code} onChange={(e) => set("machine_code", e.target.value)} />
                  </Field>
                  <Field id="msign" label={t("yilianyun.form.msign")} error={err("msign")} hint={t("yilianyun.form.msignHint")}>
                    <Input id="msign" autoComplete="off" value={form.msign} onChange={(e) => set("msign", e.target.value)} />
                  </Field>
                </div>
              </section>
            )}

            <section className="flex flex-col gap-y-4">
              <Heading level="h3">{t("yilianyun.form.device")}</Heading>
              <div className="grid grid-cols-2 gap-4">
                <Field id="name" label={t("yilianyun.form.name")} error={err("name")} optional={!editing} hint={t("yilianyun.form.nameHint")}>
                  <Input id="name" value={form.name} onChange={(e) => set("name", e.target.value)} />
                </Field>
                <Field id="model" label={t("yilianyun.form.model")} error={err("model")}>
                  <Select value={form.model} onValueChange={(v) => set("model", v)}>
                    <Select.Trigger id="model">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {[...new Set([...MODEL_FAMILIES, form.model])].map((m) => (
                        <Select.Item key={m} value={m}>
                          {m}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                </Field>
                <Field id="paper_width" label={t("yilianyun.form.paper")} error={err("paper_width")}>
                  <Select value={form.paper_width} onValueChange={(v) => set("paper_width", v as "58" | "80")}>
                    <Select.Trigger id="paper_width">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="58">58 mm</Select.Item>
                      <Select.Item value="80">80 mm</Select.Item>
                    </Select.Content>
                  </Select>
                </Field>
                <Field id="copies" label={t("yilianyun.form.copies")} error={err("copies")} hint={t("yilianyun.form.copiesHint")}>
                  <Input id="copies" type="number" min={1} max={9} value={form.copies} onChange={(e) => set("copies", e.target.value)} />
                </Field>
              </div>
              <Field id="mode" label={t("yilianyun.form.mode")} error={err("mode")}>
                <RadioGroup value={form.mode} onValueChange={(v) => set("mode", v as "auto" | "confirm")} className="flex flex-col gap-y-2">
                  <div className="flex items-start gap-x-2">
                    <RadioGroup.Item value="auto" id="mode-auto" />
                    <Label htmlFor="mode-auto" size="small">
                      {t("yilianyun.form.modeAuto")}
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {t("yilianyun.form.modeAutoHint")}
                      </Text>
                    </Label>
                  </div>
                  <div className="flex items-start gap-x-2">
                    <RadioGroup.Item value="confirm" id="mode-confirm" />
                    <Label htmlFor="mode-confirm" size="small">
                      {t("yilianyun.form.modeConfirm")}
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {t("yilianyun.form.modeConfirmHint")}
                      </Text>
                    </Label>
                  </div>
                </RadioGroup>
              </Field>
              <div className="flex items-center gap-x-2">
                <Switch id="enabled" checked={form.enabled} onCheckedChange={(v) => set("enabled", v)} />
                <Label htmlFor="enabled" size="small">
                  {t("yilianyun.form.enabled")}
                </Label>
              </div>
            </section>

            <section className="flex flex-col gap-y-3" data-field="templates">
              <div>
                <Heading level="h3">{t("yilianyun.form.templates")}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("yilianyun.form.templatesHint")}
                </Text>
              </div>
              <div className="overflow-x-auto rounded-lg border">
                <table className="w-full text-sm">
                  <thead>
                    <tr className="text-ui-fg-subtle border-b">
                      <th className="px-3 py-2 text-left font-normal">{t("yilianyun.form.trigger")}</th>
                      {templateNames.map((n) => (
                        <th key={n} className="px-3 py-2 text-left font-normal">
                          {templateLabel(n)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {triggers.map((trigger) => (
                      <tr key={trigger} className="border-b last:border-0">
                        <td className="px-3 py-2">{t(`yilianyun.triggers.${trigger.replace(/\./g, "_")}`, { defaultValue: trigger })}</td>
                        {templateNames.map((n) => (
                          <td key={n} className="px-3 py-2">
                            <Checkbox
                              aria-label={`${trigger} ${designs.some((d) => d.id === n) ? templateLabel(n) : n}`}
                              checked={(form.templates[trigger] ?? []).includes(n)}
                              onCheckedChange={(v) => toggleTemplate(trigger, n, v === true)}
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {err("templates") && (
                <Text size="xsmall" className="text-ui-fg-error" role="alert">
                  {err("templates")}
                </Text>
              )}
            </section>

            <section className="flex flex-col gap-y-4">
              <div>
                <Heading level="h3">{t("yilianyun.form.routing")}</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("yilianyun.form.routingHint")}
                </Text>
              </div>
              {routing.isError && <Alert variant="warning">{t("yilianyun.form.routingUnavailable")}</Alert>}
              <div className="grid grid-cols-2 gap-4">
                <Field id="sales_channel_id" label={t("yilianyun.form.salesChannel")} error={err("sales_channel_id")}>
                  <AnyOrOneSelect
                    id="sales_channel_id"
                    value={form.sales_channel_id}
                    onChange={(v) => set("sales_channel_id", v)}
                    options={routing.data?.salesChannels ?? []}
                  />
                </Field>
                <Field id="stock_location_id" label={t("yilianyun.form.stockLocation")} error={err("stock_location_id")}>
                  <AnyOrOneSelect
                    id="stock_location_id"
                    value={form.stock_location_id}
                    onChange={(v) => set("stock_location_id", v)}
                    options={routing.data?.stockLocations ?? []}
                  />
                </Field>
              </div>
              <CheckList
                id="product_type_ids"
                label={t("yilianyun.form.productTypes")}
                options={routing.data?.productTypes ?? []}
                value={form.product_type_ids}
                onChange={(v) => set("product_type_ids", v)}
                error={err("product_type_ids")}
              />
              <CheckList
                id="category_ids"
                label={t("yilianyun.form.categories")}
                options={routing.data?.categories ?? []}
                value={form.category_ids}
                onChange={(v) => set("category_ids", v)}
                error={err("category_ids")}
              />
            </section>

            <section className="flex flex-col gap-y-4">
              <Heading level="h3">{t("yilianyun.form.receipt")}</Heading>
              <div className="grid grid-cols-2 gap-4">
                <Field id="shop_name" label={t("yilianyun.form.shopName")} error={err("shop_name")} optional>
                  <Input id="shop_name" value={form.shop_name} onChange={(e) => set("shop_name", e.target.value)} />
                </Field>
                <Field id="language" label={t("yilianyun.form.language")} error={err("language")}>
                  <Select value={form.language} onValueChange={(v) => set("language", v as "zh-CN" | "en")}>
                    <Select.Trigger id="language">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="zh-CN">中文</Select.Item>
                      <Select.Item value="en">English</Select.Item>
                    </Select.Content>
                  </Select>
                </Field>
                <Field id="header" label={t("yilianyun.form.header")} error={err("header")} hint={t("yilianyun.form.linesHint")} optional>
                  <Textarea id="header" rows={3} value={form.header} onChange={(e) => set("header", e.target.value)} />
                </Field>
                <Field id="footer" label={t("yilianyun.form.footer")} error={err("footer")} hint={t("yilianyun.form.linesHint")} optional>
                  <Textarea id="footer" rows={3} value={form.footer} onChange={(e) => set("footer", e.target.value)} />
                </Field>
              </div>
              <Field id="qr_url" label={t("yilianyun.form.qrUrl")} error={err("qr_url")} hint={t("yilianyun.form.qrUrlHint")} optional>
                <Input id="qr_url" value={form.qr_url} placeholder="https://shop.example.com/orders/{display_id}" onChange={(e) => set("qr_url", e.target.value)} />
              </Field>
            </section>
          </div>
        </FocusModal.Body>
      </FocusModal.Content>
    </FocusModal>
  )
}

/** "Any" or one of the options (sales channel, stock location routing). */
function AnyOrOneSelect(props: {
  id: string
  value: string
  onChange: (v: string) => void
  options: { id: string; label: string }[]
}) {
  const { t } = useTranslation()
  return (
    <Select value={props.value} onValueChange={props.onChange}>
      <Select.Trigger id={props.id}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        <Select.Item value={ANY}>{t("yilianyun.form.any")}</Select.Item>
        {props.options.map((o) => (
          <Select.Item key={o.id} value={o.id}>
            {o.label}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

function CheckList(props: {
  id: string
  label: string
  options: { id: string; label: string }[]
  value: string[]
  onChange: (v: string[]) => void
  error: string | null
}) {
  const { t } = useTranslation()
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={t("yilianyun.form.checkListHint")} optional>
      {props.options.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted">
          {t("yilianyun.form.noneDefined")}
        </Text>
      ) : (
        <div className="flex flex-wrap gap-x-4 gap-y-2" id={props.id}>
          {props.options.map((o) => (
            <div key={o.id} className="flex items-center gap-x-2">
              <Checkbox
                id={`${props.id}-${o.id}`}
                checked={props.value.includes(o.id)}
                onCheckedChange={(v) => props.onChange(v === true ? [...props.value, o.id] : props.value.filter((x) => x !== o.id))}
              />
              <Label htmlFor={`${props.id}-${o.id}`} size="small">
                {o.label}
              </Label>
            </div>
          ))}
        </div>
      )}
    </Field>
  )
}
