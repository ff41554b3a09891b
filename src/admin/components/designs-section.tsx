import { EllipsisHorizontal } from "@medusajs/icons"
import { Badge, Button, Container, DropdownMenu, Heading, IconButton, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useRef } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate } from "react-router-dom"
import { keys } from "../lib/api"
import { messageOf } from "../lib/client"
import { Design, designApi, designKeys, downloadJson, freeName, useDesigns } from "../lib/designs"
import { formatDateTime } from "../lib/format"
import { EmptyState, ErrorState, Loading } from "./common"

export const DESIGN_BASES = ["receipt", "kitchen", "packing", "cancel"]
export const designerPath = (id: string) => `/settings/yilianyun/designs/${id}`

/** Settings → Yilianyun: the store's receipt designs, with new, import, export and delete. */
export function DesignsSection() {
  const { t, i18n } = useTranslation()
  const designs = useDesigns()
  const navigate = useNavigate()
  const prompt = usePrompt()
  const client = useQueryClient()
  const file = useRef<HTMLInputElement>(null)
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: designKeys.all }), client.invalidateQueries({ queryKey: keys.templates })])

  const onExport = async (d: Design) => {
    try {
      downloadJson(d.name, await designApi.exportFile(d.id))
    } catch (e) {
      toast.error(messageOf(e))
    }
  }

  const onImport = async (f: File | undefined) => {
    if (!f) return
    try {
      const parsed = JSON.parse(await f.text())
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object")
      const name = freeName(String(parsed.name ?? f.name.replace(/\.json$/i, "")), (designs.data ?? []).map((d) => d.name))
      const created = await designApi.importFile({ ...parsed, name })
      toast.success(t("yilianyun.designs.imported", { name: created.name }))
      await refresh()
    } catch (e) {
      toast.error(t("yilianyun.designs.importFailed", { message: messageOf(e) }))
    } finally {
      if (file.current) file.current.value = ""
    }
  }

  const onDelete = async (d: Design) => {
    const ok = await prompt({
      title: t("yilianyun.designs.deleteTitle", { name: d.name }),
      description: t("yilianyun.designs.deleteDescription"),
      confirmText: t("yilianyun.common.delete"),
      cancelText: t("yilianyun.common.cancel"),
    })
    if (!ok) return
    try {
      const r = await designApi.remove(d.id)
      toast.success(r.archived ? t("yilianyun.designs.archived", { name: d.name, count: r.jobs }) : t("yilianyun.designs.deleted", { name: d.name }))
      await refresh()
    } catch (e) {
      toast.error(messageOf(e))
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="yly-designs">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("yilianyun.designs.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("yilianyun.designs.subtitle")}
          </Text>
        </div>
        <div className="flex shrink-0 gap-x-2">
          <input ref={file} type="file" accept="application/json,.json" className="hidden" data-testid="yly-design-import-file" onChange={(e) => onImport(e.target.files?.[0])} />
          <Button size="small" variant="secondary" onClick={() => file.current?.click()}>
            {t("yilianyun.designs.import")}
          </Button>
          <DropdownMenu>
            <DropdownMenu.Trigger asChild>
              <Button size="small" variant="secondary" data-testid="yly-design-new">
                {t("yilianyun.designs.new")}
              </Button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Content align="end">
              {DESIGN_BASES.map((base) => (
                <DropdownMenu.Item key={base} onClick={() => navigate(`${designerPath("new")}?base=${base}`)}>
                  {t(`yilianyun.templates.${base}`)}
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu>
        </div>
      </div>
      {designs.isLoading && <Loading />}
      {designs.isError && <ErrorState error={designs.error} onRetry={() => designs.refetch()} />}
      {designs.data && designs.data.length === 0 && (
        <EmptyState title={t("yilianyun.designs.emptyTitle")} description={t("yilianyun.designs.emptyDescription")} />
      )}
      {designs.data && designs.data.length > 0 && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("yilianyun.designs.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.designs.base")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.designs.usedBy")}</Table.HeaderCell>
                <Table.HeaderCell>{t("yilianyun.designs.updated")}</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {designs.data.map((d) => (
                <Table.Row key={d.id} data-testid="yly-design-row" data-design-id={d.id}>
                  <Table.Cell>
                    <Link to={designerPath(d.id)} className="text-ui-fg-interactive hover:underline">
                      {d.name}
                    </Link>
                    <Badge size="2xsmall" className="ml-2">
                      {t("yilianyun.designs.versionN", { version: d.version })}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{t(`yilianyun.templates.${d.base}`, { defaultValue: d.base })}</Table.Cell>
                  <Table.Cell className="whitespace-normal">
                    {d.used_by.length ? d.used_by.map((u) => u.name).join(", ") : <span className="text-ui-fg-muted">{t("yilianyun.designs.notUsed")}</span>}
                  </Table.Cell>
                  <Table.Cell>{formatDateTime(d.updated_at, i18n.language)}</Table.Cell>
                  <Table.Cell>
                    <div className="flex justify-end">
                      <DropdownMenu>
                        <DropdownMenu.Trigger asChild>
                          <IconButton size="small" variant="transparent" aria-label={t("yilianyun.designs.actions", { name: d.name })}>
                            <EllipsisHorizontal />
                          </IconButton>
                        </DropdownMenu.Trigger>
                        <DropdownMenu.Content align="end">
                          <DropdownMenu.Item onClick={() => navigate(designerPath(d.id))}>{t("yilianyun.designs.open")}</DropdownMenu.Item>
                          <DropdownMenu.Item onClick={() => onExport(d)}>{t("yilianyun.designs.export")}</DropdownMenu.Item>
                          <DropdownMenu.Separator />
                          <DropdownMenu.Item onClick={() => onDelete(d)} className="text-ui-fg-error">
                            {t("yilianyun.designs.delete")}
                          </DropdownMenu.Item>
                        </DropdownMenu.Content>
                      </DropdownMenu>
                    </div>
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
