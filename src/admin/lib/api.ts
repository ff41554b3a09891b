import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { request, sdk } from "./client"

// Types of the plugin's admin API (design §4) and the react-query hooks the pages use.

export type PrinterStatus = "unknown" | "online" | "offline" | "paper_out"
/** today's ledger: pending | sent | printed | failed | canceled; the rewritten one adds sending, waiting, unknown */
export type JobStatus = "pending" | "sending" | "waiting" | "unknown" | "sent" | "printed" | "failed" | "canceled"
/** jobs still on their way to the paper: the order's card polls while one is */
export const IN_FLIGHT: readonly JobStatus[] = ["pending", "sending", "waiting", "unknown", "sent"]

export type ReceiptSettings = {
  shop_name?: string
  header_lines?: string[]
  footer_lines?: string[]
  qr_url?: string
  language?: "zh-CN" | "en"
  pickup_number?: boolean
}

export type Printer = {
  id: string
  machine_code: string
  name: string
  model: string
  paper_width: 58 | 80
  columns: number | null
  mode: "auto" | "confirm"
  copies: number
  templates: Record<string, string[]>
  enabled: boolean
  sales_channel_id: string | null
  stock_location_id: string | null
  product_type_ids: string[] | null
  category_ids: string[] | null
  receipt_settings: ReceiptSettings | null
  status: PrinterStatus
  status_at: string | null
  bound_at: string
  created_at: string
}

export type TokenStatus = {
  present: boolean
  obtained_at: string | null
  fetches_last_24h: number
  budget: number
  budget_left: number
  budget_frees_at: string | null
  /** every attempt in the last 24 h, counted or not */
  attempts_last_24h: number
  /** fetching stopped: "secret" (the cloud refused the credentials) or "clock" (the server's time) */
  fetch_blocked: { reason: "secret" | "clock"; since: string; message: string } | null
  /** after failed attempts (or while blocked) the next attempt waits until then */
  backoff_until: string | null
  last_error: string | null
  /** the last fetch was refused with the cloud's own quota answer (error 41) */
  cloud_quota_exhausted: { refused_at: string; frees_by: string } | null
}

/** oauth/setpushurl's result for one command: registered (`at`) or refused with the cloud's words (`error`) */
export type PushCommandState = { at?: string; error?: string }

/** why the push hook refused a push (src/yilianyun/push.ts verifyPush, and an unreadable body) */
export type PushRefusalReason = "bad_sign" | "stale" | "future" | "malformed" | "unreadable"

export type PushRefusal = { reason: PushRefusalReason | string; count: number; last_at: string; last_cmd: string | null }

export type ConnectionStatus = {
  configured: boolean
  message: string
  api_url: string
  push_url: string | null
  push_url_registered: boolean
  push_url_registered_at: string | null
  push_url_commands: Record<string, PushCommandState>
  push_url_expected_commands: string[]
  /** the cloud's clock minus ours, measured from its answers */
  clock_offset_ms: number
  clock_offset_measured_at: string | null
  push_freshness: { max_age_sec: number; max_future_sec: number }
  push_refusals: PushRefusal[]
  token: TokenStatus | null
}

/** GET /admin/yilianyun/queue: a printer's health derived from facts (src/modules/yilianyun/printer-health.ts) */
export type QueueRow = {
  printer_id: string
  /** a print or a push newer than the stored status counts: a printer that has just printed is online */
  status: PrinterStatus
  status_at: string | null
  /** jobs not yet at the cloud */
  waiting: number
  oldest_waiting_at: string | null
  /** jobs at the cloud, unconfirmed for as long as the jobs list calls them stuck */
  unconfirmed: number
  /** late waiting jobs plus the unconfirmed ones */
  late: number
  failed: number
  last_printed_at: string | null
  last_seen_at: string | null
  stale: boolean
}

export type Job = {
  id: string
  order_id: string
  display_id: number | null
  printer_id: string | null
  printer: { id: string; name: string; machine_code: string; status: PrinterStatus; removed: boolean } | null
  trigger: string
  template: string
  /** the receipt design and version it printed with (null: a template) */
  design_id: string | null
  design_version: number | null
  status: JobStatus
  attempts: number
  requested_by: string
  last_error: string | null
  reprint_of: string | null
  reprinted_by: string | null
  stuck_reason: string | null
  created_at: string
  sent_at: string | null
  printed_at: string | null
  next_attempt_at: string | null
  parts?: { part_number: number; part_count: number; print_id: string | null; status: JobStatus }[]
}

export type OrderSummary = {
  status: "queued" | "sent" | "printed" | "failed" | "canceled"
  printed_at: string | null
  last_error: string | null
  decision?: "accepted" | "rejected"
  decided_at?: string
  decision_note?: string
}

export type Preview = {
  template: string
  design?: { id: string; name: string; version: number } | null
  /** the store's zone the paper's times are printed in (the plugin's `timezone` option) */
  timezone?: string
  columns: number
  parts: number
  markup: string
  text: string
  html: string
  warnings: string[]
}

export type PrinterInput = Partial<
  Omit<Printer, "id" | "status" | "status_at" | "bound_at" | "created_at" | "machine_code">
> & { machine_code?: string; msign?: string }

export const keys = {
  all: ["yilianyun"] as const,
  status: ["yilianyun", "status"] as const,
  printers: ["yilianyun", "printers"] as const,
  queue: ["yilianyun", "queue"] as const,
  templates: ["yilianyun", "templates"] as const,
  jobs: (status: string) => ["yilianyun", "jobs", status] as const,
  orderJobs: (orderId: string) => ["yilianyun", "order-jobs", orderId] as const,
  preview: (orderId: string, printerId: string, template: string, reprint: boolean) =>
    ["yilianyun", "preview", orderId, printerId, template, reprint] as const,
}

export const useConnectionStatus = () =>
  useQuery({ queryKey: keys.status, queryFn: () => request<ConnectionStatus>("/admin/yilianyun/status"), refetchInterval: 60_000 })

export const usePrinters = () =>
  useQuery({
    queryKey: keys.printers,
    queryFn: () => request<{ printers: Printer[] }>("/admin/yilianyun/printers").then((r) => r.printers),
    refetchInterval: 15_000,
  })

export const useQueue = () =>
  useQuery({
    queryKey: keys.queue,
    queryFn: () => request<{ printers: QueueRow[]; stale_after_minutes: number }>("/admin/yilianyun/queue"),
    refetchInterval: 15_000,
  })

export const useTemplates = () =>
  useQuery({
    queryKey: keys.templates,
    queryFn: () =>
      request<{ templates: string[]; triggers: string[]; designs: { id: string; name: string; base: string; version: number }[] }>(
        "/admin/yilianyun/templates"
      ),
    staleTime: 5 * 60_000,
  })

export const useJobs = (status: string) =>
  useQuery({
    queryKey: keys.jobs(status),
    queryFn: () => request<{ jobs: Job[]; count: number }>("/admin/yilianyun/jobs", { query: { status, limit: 100 } }),
    refetchInterval: 15_000,
  })

export const useOrderJobs = (orderId: string) =>
  useQuery({
    queryKey: keys.orderJobs(orderId),
    queryFn: () =>
      request<{ jobs: Job[]; summary: OrderSummary | null; order: { id: string; display_id: number } }>(
        `/admin/yilianyun/orders/${orderId}/jobs`
      ),
    // a print takes seconds: poll while something is on its way
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => IN_FLIGHT.includes(j.status)) ? 3_000 : 30_000),
  })

export const usePreview = (orderId: string | null, printerId: string | null, template: string, reprint = false) =>
  useQuery({
    queryKey: keys.preview(orderId ?? "", printerId ?? "", template, reprint),
    queryFn: () =>
      request<Preview>("/admin/yilianyun/preview", {
        query: { order_id: orderId, printer_id: printerId, template: template || undefined, reprint: reprint || undefined },
      }),
    enabled: Boolean(orderId && printerId),
  })

/** the newest orders, to pick one for a receipt preview */
export const useRecentOrders = () =>
  useQuery({
    queryKey: ["yilianyun", "recent-orders"],
    queryFn: () =>
      sdk.admin.order
        .list({ limit: 15, order: "-created_at", fields: "id,display_id,created_at,email,total,currency_code" } as any)
        .then((r: any) => r.orders as { id: string; display_id: number; created_at: string; email: string | null }[]),
  })

/** what routing can point at: sales channels, stock locations, product types and categories */
export const useRoutingOptions = () =>
  useQuery({
    queryKey: ["yilianyun", "routing-options"],
    queryFn: async () => {
      const [channels, locations, types, categories] = await Promise.all([
        sdk.admin.salesChannel.list({ limit: 100, fields: "id,name" } as any),
        sdk.admin.stockLocation.list({ limit: 100, fields: "id,name" } as any),
        sdk.admin.productType.list({ limit: 100, fields: "id,value" } as any),
        sdk.admin.productCategory.list({ limit: 200, fields: "id,name" } as any),
      ])
      return {
        salesChannels: (channels as any).sales_channels.map((c: any) => ({ id: c.id, label: c.name })),
        stockLocations: (locations as any).stock_locations.map((l: any) => ({ id: l.id, label: l.name })),
        productTypes: (types as any).product_types.map((t: any) => ({ id: t.id, label: t.value })),
        categories: (categories as any).product_categories.map((c: any) => ({ id: c.id, label: c.name })),
      } as Record<"salesChannels" | "stockLocations" | "productTypes" | "categories", { id: string; label: string }[]>
    },
    staleTime: 60_000,
  })

/** A mutation on the plugin's API that refreshes everything the plugin shows once it is done. */
export function usePluginMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: keys.all }),
  })
}

export const api = {
  createPrinter: (body: PrinterInput) =>
    request<{ printer: Printer }>("/admin/yilianyun/printers", { method: "POST", body }).then((r) => r.printer),
  updatePrinter: (id: string, body: PrinterInput) =>
    request<{ printer: Printer }>(`/admin/yilianyun/printers/${id}`, { method: "POST", body }).then((r) => r.printer),
  deletePrinter: (id: string) => request(`/admin/yilianyun/printers/${id}`, { method: "DELETE" }),
  testPrint: (id: string) => request<{ print_id: string }>(`/admin/yilianyun/printers/${id}/test`, { method: "POST", body: {} }),
  liveStatus: (id: string) =>
    request<{ status: PrinterStatus; printer: Printer }>(`/admin/yilianyun/printers/${id}/status`),
  device: <T = any>(id: string, action: string, body?: unknown, method: "POST" | "DELETE" | "GET" = "POST") =>
    request<T>(`/admin/yilianyun/printers/${id}/${action}`, { method, body: method === "POST" ? body ?? {} : undefined }),
  resetToken: (confirm: boolean) =>
    request<{ token: TokenStatus; message: string }>("/admin/yilianyun/token/reset", { method: "POST", body: { confirm } }),
  registerPushUrl: () =>
    request<{ push_url: string; registered: boolean }>("/admin/yilianyun/push-url", { method: "POST", body: { force: true } }),
  retryJobs: (jobIds: string[]) =>
    request<{ retried: { job_id: string; reprint_id: string | null; reprint: Job | null }[] }>("/admin/yilianyun/jobs/retry", {
      method: "POST",
      body: { job_ids: jobIds },
    }),
  reprintOrder: (orderId: string, body: { printer_id?: string; template?: string }) =>
    request<{ jobs: Job[] }>(`/admin/yilianyun/orders/${orderId}/print`, { method: "POST", body }),
}
