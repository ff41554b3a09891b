import Medusa from "@medusajs/js-sdk"

const baseUrl = (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/"

/** Medusa's own admin API (orders, sales channels, stock locations, product types, categories). */
export const sdk = new Medusa({ baseUrl, auth: { type: "session" } })

/**
 * An error answer of the plugin's routes. Unlike the js-sdk's FetchError it keeps the body: the
 * field a cloud error concerns (`field`), and extras such as the existing reprint of a 409.
 */
export class ApiError extends Error {
  readonly status: number
  readonly field: string | null
  readonly body: Record<string, any>

  constructor(status: number, body: Record<string, any>) {
    super(typeof body?.message === "string" && body.message ? body.message : `Request failed (${status})`)
    this.status = status
    this.body = body ?? {}
    this.field = typeof body?.field === "string" ? body.field : fieldNamedIn(this.message)
  }
}

/** The field a validation message names ("Field 'copies' …", "… for field 'mode'", "Unrecognized fields: 'x'"). */
export function fieldNamedIn(message: string): string | null {
  const m = /[Ff]ield '([^',]+)/.exec(message) ?? /Unrecognized fields: '([^',]+)/.exec(message)
  return m ? m[1] : null
}

type RequestOptions = {
  method?: "GET" | "POST" | "DELETE"
  body?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
}

/**
 * Calls one of the plugin's admin routes with the admin's session cookie (what the js-sdk does
 * for `auth: { type: "session" }`), keeping error bodies whole.
 */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const root = baseUrl.replace(/\/+$/, "")
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== "") qs.set(k, String(v))
  }
  const url = `${root}${path}${qs.toString() ? `?${qs}` : ""}`
  const res = await fetch(url, {
    method: opts.method ?? "GET",
    credentials: "include",
    headers: { accept: "application/json", ...(opts.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  })
  const text = await res.text()
  let json: any = {}
  try {
    json = text ? JSON.parse(text) : {}
  } catch {
    json = { message: text.slice(0, 300) }
  }
  if (!res.ok) throw new ApiError(res.status, json)
  return json as T
}

/** The sentence to show for a failed call: the server's message, or the error's own. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}
