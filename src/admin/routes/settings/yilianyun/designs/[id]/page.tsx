import { ArrowLeft } from "@medusajs/icons"
import { Alert, Button, Container, Heading, Input, Label, Select, Text, toast, usePrompt } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from "react-router-dom"
import { ErrorState, Loading } from "../../../../../components/common"
import { BlockList, BlockRow } from "../../../../../components/designer/block-list"
import { DesignPreviewPanel, PAPER_58, PAPER_80, SAMPLE_ORDER } from "../../../../../components/designer/design-preview"
import { DESIGN_BASES, designerPath } from "../../../../../components/designs-section"
import { keys, usePrinters } from "../../../../../lib/api"
import { ApiError, messageOf } from "../../../../../lib/client"
import { designApi, designKeys, DesignBlock, DesignPreviewRequest, downloadJson, useDesign, useDesignCatalog, useDesignPreview } from "../../../../../lib/designs"

let keySeq = 0
const rowsOf = (blocks: DesignBlock[]): BlockRow[] => blocks.map((block) => ({ key: `b${++keySeq}`, block }))
const snapshot = (name: string, base: string, rows: BlockRow[] | null) => JSON.stringify({ name: name.trim(), base, blocks: rows?.map((r) => r.block) })

/** The value, once it has stopped changing for `ms` (the preview follows typing without a request per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/**
 * Settings → Yilianyun → a receipt design: the blocks on the left (add, remove, reorder, switch
 * off, size, bold, alignment, options), the paper on the right at the chosen printer's width with
 * a recent order or the sample order. Nothing is saved until Save; leaving with changes asks first.
 */
const DesignerPage = () => {
  const { t, i18n } = useTranslation()
  const { id = "new" } = useParams()
  const [search] = useSearchParams()
  const navigate = useNavigate()
  const prompt = usePrompt()
  const client = useQueryClient()
  const isNew = id === "new"
  const saved = useDesign(isNew ? null : id)
  const printers = usePrinters()

  const [base, setBase] = useState(() => (DESIGN_BASES.includes(search.get("base") ?? "") ? (search.get("base") as string) : "receipt"))
  const [name, setName] = useState("")
  const [rows, setRows] = useState<BlockRow[] | null>(null)
  const [baseline, setBaseline] = useState<string | null>(null)
  const [paper, setPaper] = useState<string>("")
  const [order, setOrder] = useState<string>(SAMPLE_ORDER)
  const [errors, setErrors] = useState<Record<number, string>>({})
  const [nameError, setNameError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const catalog = useDesignCatalog(saved.data?.base ?? base)

  // the design as loaded (or the starter of its base) is what "unsaved changes" compare with
  useEffect(() => {
    if (rows !== null) return
    if (!isNew && saved.data) {
      const loadedRows = rowsOf(saved.data.blocks)
      setBase(saved.data.base)
      setName(saved.data.name)
      setRows(loadedRows)
      setBaseline(snapshot(saved.data.name, saved.data.base, loadedRows))
    } else if (isNew && catalog.data && catalog.data.base === base) {
      const starter = rowsOf(catalog.data.starter)
      setRows(starter)
      setBaseline(snapshot("", base, starter))
    }
  }, [isNew, saved.data, catalog.data, rows, base])

  // the paper: a printer that prints this design, else the first printer, else 58 mm
  useEffect(() => {
    if (paper || !printers.data) return
    const using = saved.data?.used_by[0]?.printer_id
    setPaper(using ?? printers.data[0]?.id ?? PAPER_58)
  }, [printers.data, saved.data, paper])

  const current = snapshot(name, base, rows)
  const dirty = baseline !== null && current !== baseline
  const archived = Boolean(saved.data?.archived)

  const request = useMemo<DesignPreviewRequest | null>(() => {
    if (!rows || !paper) return null
    const body: DesignPreviewRequest = { design: { name, base, blocks: rows.map((r) => r.block) } }
    if (paper === PAPER_58 || paper === PAPER_80) {
      body.paper_width = paper === PAPER_80 ? 80 : 58
      body.language = i18n.language?.startsWith("zh") ? "zh-CN" : "en"
    } else body.printer_id = paper
    if (order !== SAMPLE_ORDER) body.order_id = order
    return body
  }, [rows, paper, order, name, base, i18n.language])
  const preview = useDesignPreview(useSettled(request, 250))
  const problems = useMemo(() => {
    const byBlock: Record<number, string> = Object.fromEntries((preview.data?.problems ?? []).map((p) => [p.block, p.message]))
    // a block the server cannot read ("Field 'design.blocks.3.text' is required") is marked where it is
    const field = preview.error instanceof ApiError ? preview.error.field : null
    const at = field ? /^design\.blocks\.(\d+)/.exec(field) : null
    if (at) byBlock[Number(at[1])] = messageOf(preview.error)
    return byBlock
  }, [preview.data, preview.error])

  // leaving with unsaved changes asks first: inside the admin, and when the tab closes
  const leaving = useRef(false)
  useEffect(() => {
    leaving.current = false // a new design saved: now the saved one's page
  }, [id])
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname)
  useEffect(() => {
    if (blocker.state !== "blocked") return
    prompt({
      title: t("yilianyun.designer.unsavedTitle"),
      description: t("yilianyun.designer.unsavedDescription"),
      confirmText: t("yilianyun.designer.leave"),
      cancelText: t("yilianyun.designer.stay"),
    }).then((ok) => (ok ? blocker.proceed() : blocker.reset()))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [blocker.state])
  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ""
    }
    window.addEventListener("beforeunload", warn)
    return () => window.removeEventListener("beforeunload", warn)
  }, [dirty])

  const onBase = (next: string) => {
    // a new design starts again from the other template's blocks
    setBase(next)
    setRows(null)
    setBaseline(null)
  }

  const onSave = async () => {
    if (!rows) return
    setErrors({})
    setNameError(null)
    setFormError(null)
    if (!name.trim()) {
      setNameError(t("yilianyun.designer.nameRequired"))
      return
    }
    setSaving(true)
    const blocks = rows.map((r) => r.block)
    try {
      const design = isNew ? await designApi.create({ name: name.trim(), base, blocks }) : await designApi.save(id, { name: name.trim(), blocks })
      const next = rows.map((r, i) => ({ key: r.key, block: design.blocks[i] ?? r.block }))
      setRows(next)
      setBaseline(snapshot(design.name, design.base, next))
      await Promise.all([client.invalidateQueries({ queryKey: designKeys.all }), client.invalidateQueries({ queryKey: keys.templates })])
      if (isNew) {
        toast.success(t("yilianyun.designer.created", { name: design.name }))
        leaving.current = true
        navigate(designerPath(design.id), { replace: true })
      } else toast.success(t("yilianyun.designer.saved", { version: design.version }))
    } catch (e) {
      const field = e instanceof ApiError ? e.field : null
      const block = field ? /^blocks\.(\d+)/.exec(field) : null
      if (block) setErrors({ [Number(block[1])]: messageOf(e) })
      else if (field === "name") setNameError(messageOf(e))
      else setFormError(messageOf(e))
    } finally {
      setSaving(false)
    }
  }

  if (!isNew && saved.isError) return <ErrorState error={saved.error} onRetry={() => saved.refetch()} />
  if (!rows || !catalog.data) return <Loading />

  const usedBy = saved.data?.used_by ?? []
  return (
    <div className="flex flex-col gap-y-3" data-testid="yly-designer">
      <Container className="flex flex-col gap-y-4 px-6 py-4">
        <div className="flex items-center justify-between gap-x-4">
          <div className="flex items-center gap-x-3">
            <Link to="/settings/yilianyun" className="text-ui-fg-subtle hover:text-ui-fg-base flex items-center gap-x-1 text-sm" data-testid="yly-designer-back">
              <ArrowLeft /> {t("yilianyun.designer.back")}
            </Link>
            <Heading level="h1">{isNew ? t("yilianyun.designer.newTitle") : t("yilianyun.designer.editTitle", { name: saved.data?.name })}</Heading>
            {dirty && (
              <Text size="xsmall" className="text-ui-fg-subtle" data-testid="yly-designer-dirty">
                {t("yilianyun.designer.unsaved")}
              </Text>
            )}
          </div>
          <div className="flex gap-x-2">
            {!isNew && (
              <Button size="small" variant="secondary" onClick={async () => downloadJson(name, await designApi.exportFile(id))}>
                {t("yilianyun.designs.export")}
              </Button>
            )}
            <Button size="small" onClick={onSave} isLoading={saving} disabled={archived || (!dirty && !isNew)} data-testid="yly-designer-save">
              {t("yilianyun.designer.save")}
            </Button>
          </div>
        </div>
        {archived && <Alert variant="info">{t("yilianyun.designer.archivedNotice")}</Alert>}
        {formError && (
          <Alert variant="error" data-testid="yly-designer-error">
            {formError}
          </Alert>
        )}
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          <div className="flex flex-col gap-y-1.5">
            <Label htmlFor="design-name" size="small" weight="plus">
              {t("yilianyun.designer.name")}
            </Label>
            <Input id="design-name" value={name} maxLength={catalog.data.limits.name} placeholder={t("yilianyun.designer.namePlaceholder")} disabled={archived} onChange={(e) => setName(e.target.value)} />
            {nameError && (
              <Text size="xsmall" className="text-ui-fg-error" role="alert">
                {nameError}
              </Text>
            )}
          </div>
          <div className="flex flex-col gap-y-1.5">
            <Label htmlFor="design-base" size="small" weight="plus">
              {t("yilianyun.designer.base")}
            </Label>
            <Select value={base} onValueChange={onBase} disabled={!isNew}>
              <Select.Trigger id="design-base">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {DESIGN_BASES.map((b) => (
                  <Select.Item key={b} value={b}>
                    {t(`yilianyun.templates.${b}`)}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        </div>
        {!isNew && (
          <Text size="small" className="text-ui-fg-subtle" data-testid="yly-designer-used-by">
            {usedBy.length ? t("yilianyun.designer.usedBy", { printers: usedBy.map((u) => u.name).join(", ") }) : t("yilianyun.designer.notUsed")}
          </Text>
        )}
      </Container>
      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,1fr)_minmax(360px,auto)]">
        <Container className="flex flex-col gap-y-3 px-6 py-4">
          <div>
            <Heading level="h2">{t("yilianyun.designer.blocks")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("yilianyun.designer.blocksHint")}
            </Text>
          </div>
          <BlockList rows={rows} catalog={catalog.data} onChange={setRows} errors={errors} problems={problems} disabled={archived} />
        </Container>
        <Container className="flex flex-col gap-y-3 px-6 py-4 xl:sticky xl:top-4">
          <div>
            <Heading level="h2">{t("yilianyun.designer.preview")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("yilianyun.designer.previewHint")}
            </Text>
          </div>
          <DesignPreviewPanel paper={paper} onPaper={setPaper} order={order} onOrder={setOrder} preview={preview} />
        </Container>
      </div>
    </div>
  )
}

export default DesignerPage
