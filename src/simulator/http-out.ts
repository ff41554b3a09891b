import http from "node:http"
import https from "node:https"
import type { Resources } from "./resources"

export interface ExchangeResult {
  status?: number
  body?: string
  error?: string
  durationMs: number
}

const MAX_ANSWER_BYTES = 4096

/**
 * One outgoing HTTP exchange with a hard deadline covering connect, headers and body.
 * No keep-alive agent: every socket is closed when the exchange ends, so nothing lingers.
 */
export function httpExchange(
  resources: Resources,
  method: "GET" | "POST",
  url: string,
  timeoutMs: number,
  formBody?: string
): Promise<ExchangeResult> {
  const started = Date.now()
  return new Promise((resolve) => {
    let settled = false
    let untrack: () => void = () => undefined
    let timer: NodeJS.Timeout | undefined
    const finish = (result: Omit<ExchangeResult, "durationMs">): void => {
      if (settled) return
      settled = true
      resources.clearTimer(timer)
      untrack()
      resolve({ ...result, durationMs: Date.now() - started })
    }

    let target: URL
    try {
      target = new URL(url)
    } catch {
      return finish({ error: `invalid url ${url}` })
    }
    const transport = target.protocol === "https:" ? https : http
    const headers: Record<string, string | number> = { connection: "close" }
    if (formBody !== undefined) {
      headers["content-type"] = "application/x-www-form-urlencoded;charset=utf-8"
      headers["content-length"] = Buffer.byteLength(formBody)
    }
    const request = transport.request(target, { method, agent: false, headers })
    timer = resources.setTimer(() => {
      request.destroy()
      finish({ error: `no complete answer within ${timeoutMs} ms` })
    }, timeoutMs)
    untrack = resources.track({
      cancel: () => {
        request.destroy()
        finish({ error: "simulator stopped or reset" })
      },
    })
    request.on("error", (error) => finish({ error: error.message }))
    request.on("response", (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on("data", (chunk: Buffer) => {
        if (size < MAX_ANSWER_BYTES) chunks.push(chunk)
        size += chunk.length
      })
      response.on("error", (error) => finish({ status: response.statusCode, error: error.message }))
      response.on("end", () =>
        finish({ status: response.statusCode, body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_ANSWER_BYTES) })
      )
    })
    request.end(formBody)
  })
}

/** The receiver's answer counts only as HTTP 200 with the JSON body {"data":"OK"} (reference §4.2). */
export function isPushAcknowledged(result: ExchangeResult): boolean {
  if (result.status !== 200 || result.body === undefined) return false
  try {
    const parsed: unknown = JSON.parse(result.body)
    return typeof parsed === "object" && parsed !== null && (parsed as { data?: unknown }).data === "OK"
  } catch {
    return false
  }
}
