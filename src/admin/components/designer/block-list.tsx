import { ArrowDownMini, ArrowUpMini, ChevronDownMini, ChevronRightMini, Trash } from "@medusajs/icons"
import { Badge, Checkbox, clx, DropdownMenu, IconButton, Label, Select, Switch, Text, Button } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import type { BlockAlign, BlockSize, DesignBlock, DesignCatalog } from "../../lib/designs"
import { BlockOptions, hasOptions } from "./block-options"

export type BlockRow = { key: string; block: DesignBlock }

/**
 * The design's blocks, top to bottom as on paper: each with its switch (print or not), size, bold,
 * alignment where the block allows them, its options, and buttons to move or remove it.
 */
export function BlockList(props: {
  rows: BlockRow[]
  catalog: DesignCatalog
  onChange: (rows: BlockRow[]) => void
  /** errors the server named, by block index */
  errors: Record<number, string>
  /** problems on the chosen printer, by block index */
  problems: Record<number, string>
  disabled?: boolean
}) {
  const { t } = useTranslation()
  const { rows, catalog, onChange, disabled } = props
  const [open, setOpen] = useState<Record<string, boolean>>({})
  const update = (i: number, block: DesignBlock) => onChange(rows.map((r, j) => (j === i ? { ...r, block } : r)))
  const move = (i: number, by: number) => {
    const next = [...rows]
    const [row] = next.splice(i, 1)
    next.splice(i + by, 0, row)
    onChange(next)
  }
  const add = (type: string) => {
    const block = { ...catalog.blocks[type] }
    const key = `new-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`
    onChange([...rows, { key, block }])
    if (hasOptions(type)) setOpen((o) => ({ ...o, [key]: true }))
  }

  return (
    <div className="flex flex-col gap-y-2" data-testid="yly-blocks">
      {rows.map((row, i) => {
        const b = row.block
        const caps = catalog.capabilities[b.type] ?? { sizes: false, bold: false, aligns: [] }
        const label = t(`yilianyun.designer.types.${b.type}`, { defaultValue: b.type })
        const error = props.errors[i] ?? props.problems[i]
        const expanded = open[row.key] && hasOptions(b.type)
        return (
          <div
            key={row.key}
            className={clx("rounded-lg border px-3 py-2", !b.visible && "bg-ui-bg-subtle", error && "border-ui-border-error")}
            data-testid="yly-block"
            data-block-type={b.type}
            data-block-index={i}
          >
            <div className="flex flex-wrap items-center gap-2">
              <IconButton
                size="2xsmall"
                variant="transparent"
                aria-label={`${t("yilianyun.designer.options")}: ${label}`}
                aria-expanded={Boolean(expanded)}
                disabled={!hasOptions(b.type)}
                onClick={() => setOpen((o) => ({ ...o, [row.key]: !o[row.key] }))}
              >
                {expanded ? <ChevronDownMini /> : <ChevronRightMini />}
              </IconButton>
              <Switch
                size="small"
                checked={b.visible}
                disabled={disabled}
                aria-label={`${t("yilianyun.designer.visible")}: ${label}`}
                onCheckedChange={(v) => update(i, { ...b, visible: v })}
              />
              <Text size="small" weight="plus" className={clx("min-w-[120px] flex-1", !b.visible && "text-ui-fg-muted line-through")}>
                {label}
              </Text>
              {caps.sizes && (
                <div className="w-36">
                  <Select size="small" value={b.size} disabled={disabled} onValueChange={(v) => update(i, { ...b, size: v as BlockSize })}>
                    <Select.Trigger aria-label={`${t("yilianyun.designer.size")}: ${label}`} data-testid="yly-block-size">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {catalog.sizes.map((s) => (
                        <Select.Item key={s} value={s}>
                          {t(`yilianyun.designer.sizes.${s}`)}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                </div>
              )}
              {caps.bold && (
                <div className="flex items-center gap-x-1">
                  <Checkbox id={`block-${i}-bold`} checked={b.bold} disabled={disabled} onCheckedChange={(v) => update(i, { ...b, bold: v === true })} />
                  <Label htmlFor={`block-${i}-bold`} size="xsmall">
                    {t("yilianyun.designer.bold")}
                  </Label>
                </div>
              )}
              {caps.aligns.length > 1 && (
                <div className="w-28">
                  <Select size="small" value={b.align} disabled={disabled} onValueChange={(v) => update(i, { ...b, align: v as BlockAlign })}>
                    <Select.Trigger aria-label={`${t("yilianyun.designer.align")}: ${label}`}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {caps.aligns.map((a) => (
                        <Select.Item key={a} value={a}>
                          {t(`yilianyun.designer.aligns.${a}`)}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                </div>
              )}
              <div className="ml-auto flex items-center">
                <IconButton size="2xsmall" variant="transparent" aria-label={`${t("yilianyun.designer.moveUp")}: ${label}`} disabled={disabled || i === 0} onClick={() => move(i, -1)}>
                  <ArrowUpMini />
                </IconButton>
                <IconButton size="2xsmall" variant="transparent" aria-label={`${t("yilianyun.designer.moveDown")}: ${label}`} disabled={disabled || i === rows.length - 1} onClick={() => move(i, 1)}>
                  <ArrowDownMini />
                </IconButton>
                <IconButton size="2xsmall" variant="transparent" aria-label={`${t("yilianyun.designer.remove")}: ${label}`} disabled={disabled || rows.length === 1} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  <Trash />
                </IconButton>
              </div>
            </div>
            {expanded && (
              <div className="border-t mt-2 pt-2 pl-8">
                <BlockOptions block={b} index={i} catalog={catalog} onChange={(nb) => update(i, nb)} disabled={disabled} />
              </div>
            )}
            {error && (
              <Text size="xsmall" className="text-ui-fg-error mt-1 pl-8" role="alert" data-testid="yly-block-error">
                {error}
              </Text>
            )}
          </div>
        )
      })}
      {!disabled && (
        <div>
          <DropdownMenu>
            <DropdownMenu.Trigger asChild>
              <Button size="small" variant="secondary" data-testid="yly-add-block" disabled={rows.length >= catalog.limits.blocks}>
                {t("yilianyun.designer.addBlock")}
              </Button>
            </DropdownMenu.Trigger>
            <DropdownMenu.Content align="start" className="max-h-[360px] overflow-y-auto">
              {Object.keys(catalog.blocks).map((type) => (
                <DropdownMenu.Item key={type} onClick={() => add(type)}>
                  {t(`yilianyun.designer.types.${type}`, { defaultValue: type })}
                </DropdownMenu.Item>
              ))}
            </DropdownMenu.Content>
          </DropdownMenu>
          <Badge size="2xsmall" className="ml-2">
            {rows.length} / {catalog.limits.blocks}
          </Badge>
        </div>
      )}
    </div>
  )
}
