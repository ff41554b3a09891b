import { useQuery } from "@tanstack/react-query"
import { request } from "./client"
import type { Preview } from "./api"

// Receipt designs in the admin: types of the designs API and the react-query hooks the designer uses.

export type BlockSize = "normal" | "tall" | "wide" | "double"
export type BlockAlign = "left" | "center" | "right"

/** A block as the API stores it (normalized: every field present). */
export type DesignBlock = {
  type: string
  visible: boolean
  size: BlockSize
  bold: boolean
  align: BlockAlign
  [option: string]: unknown
}

export type Design = {
  id: string
  name: string
  base: string
  blocks: DesignBlock[]
  version: number
  archived: boolean
  created_at: string
  updated_at: string
  used_by: { printer_id: string; name: string; triggers: string[] }[]
}

export type DesignCatalog = {
  base: string
  bases: string[]
  starter: DesignBlock[]
  blocks: Record<string, DesignBlock>
  capabilities: Record<string, { sizes: boolean; bold: boolean; aligns: BlockAlign[] }>
  sizes: BlockSize[]
  item_columns: string[]
  total_lines: string[]
  rule_chars: string[]
  limits: { name: number; blocks: number; text: number; title: number; qrUrl: number; feedLines: number }
}

export type DesignProblem = { block: number; type: string; field: string; message: string }

export type DesignPreview = Preview & {
  design: { id: string; name: string; version: number } | null
  order: { id: string; display_id: number | string; sample: boolean }
  prints: { part: number; of: number; text: string; html: string }[]
  problems: DesignProblem[]
}

export type DesignPreviewRequest = {
  design?: { name?: string; base: string; blocks: DesignBlock[] }
  printer_id?: string
  paper_width?: 58 | 80
  language?: "zh-CN" | "en"
  order_id?: string
}

export const designKeys = {
  all: ["yilianyun", "designs"] as const,
  list: (archived: boolean) => ["yilianyun", "designs", "list", archived] as const,
  one: (id: string) => ["yilianyun", "designs", "one", id] as const,
  catalog: (base: string) => ["yilianyun", "designs", "catalog", base] as const,
  preview: (body: string) => ["yilianyun", "designs", "preview", body] as const,
}

export const useDesigns = (includeArchived = false) =>
  useQuery({
    queryKey: designKeys.list(includeArchived),
    queryFn: () =>
      request<{ designs: Design[] }>("/admin/yilianyun/designs", { query: { include_archived: includeArchived || undefined } }).then(
        (r) => r.designs
      ),
  })

export const useDesign = (id: string | null) =>
  useQuery({
    queryKey: designKeys.one(id ?? ""),
    queryFn: () => request<{ design: Design }>(`/admin/yilianyun/designs/${id}`).then((r) => r.design),
    enabled: Boolean(id),
  })

export const useDesignCatalog = (base: string) =>
  useQuery({
    queryKey: designKeys.catalog(base),
    queryFn: () => request<DesignCatalog>("/admin/yilianyun/designs/catalog", { query: { base } }),
    staleTime: Infinity,
  })

/** The live preview of the design being edited; the previous paper stays while the next renders. */
export const useDesignPreview = (body: DesignPreviewRequest | null) => {
  const key = JSON.stringify(body)
  return useQuery({
    queryKey: designKeys.preview(key),
    queryFn: () => request<DesignPreview>("/admin/yilianyun/preview", { method: "POST", body }),
    enabled: body !== null,
    placeholderData: (previous) => previous,
    retry: false,
  })
}

export const designApi = {
  create: (body: { name: string; base: string; blocks: DesignBlock[] }) =>
    request<{ design: Design }>("/admin/yilianyun/designs", { method: "POST", body }).then((r) => r.design),
  save: (id: string, body: { name?: string; base?: string; blocks?: DesignBlock[] }) =>
    request<{ design: Design }>(`/admin/yilianyun/designs/${id}`, { method: "POST", body }).then((r) => r.design),
  remove: (id: string) =>
    request<{ id: string; deleted: boolean; archived: boolean; jobs: number }>(`/admin/yilianyun/designs/${id}`, { method: "DELETE" }),
  exportFile: (id: string) => request<Record<string, unknown> & { name: string }>(`/admin/yilianyun/designs/${id}/export`),
  /** an exported file, posted as it is (importing is creating) */
  importFile: (file: Record<string, unknown>) =>
    request<{ design: Design }>("/admin/yilianyun/designs", { method: "POST", body: file }).then((r) => r.design),
}

/** Saves JSON as a file in the browser's downloads. */
export function downloadJson(name: string, data: unknown) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = `${name.replace(/[\\/:*?"<>|]+/g, "-") || "design"}.json`
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** "Kitchen" → "Kitchen (2)" when taken (an imported design keeps its name when it can). */
export function freeName(name: string, taken: string[]): string {
  if (!taken.includes(name)) return name
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`
    if (!taken.includes(candidate)) return candidate
  }
}
