import { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { YilianyunError } from "../../yilianyun"
import { isTokenWait, TokenBudgetExhaustedError } from "../../modules/yilianyun/token-store"

/** Which request field a cloud code is about, so the admin can show it next to that field. */
const FIELD_OF_CODE: Record<number, string> = { 8: "machine_code", 17: "machine_code", 30: "machine_code", 35: "msign" }

/**
 * Runs a call that reaches the Yilianyun cloud and turns its failure into an HTTP answer a merchant
 * can act on: the cloud's reason as a sentence, the field it concerns, and 503 when trying again
 * later may help. Anything else propagates to Medusa's error handler.
 */
export async function answeringCloudErrors<T>(res: MedusaResponse, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run()
  } catch (e) {
    const err = e as any
    // Errors cross workflow boundaries serialized (own properties kept, prototype lost).
    if (err instanceof TokenBudgetExhaustedError || err?.name === "TokenBudgetExhaustedError") {
      res.status(503).json({ type: "token_budget_exhausted", message: err.message, frees_at: err.freesAt ?? null })
      return undefined
    }
    // No token now — backing off, fetching blocked, or a fetch the cloud refused (e.g. 41: its 20
    // fetches of the day are spent) or that did not reach it: nothing is wrong with what the merchant
    // sent, it is a wait; `code` is the cloud's when it answered with one.
    if (isTokenWait(e)) {
      res.status(503).json({ type: "token_unavailable", code: err.code ?? null, message: err.message, frees_at: err.freesAt ?? null })
      return undefined
    }
    if (err instanceof YilianyunError || (typeof err?.retryable === "boolean" && typeof err?.kind === "string")) {
      const code = err.code ?? null
      const field = code !== null ? FIELD_OF_CODE[Number(code)] : undefined
      res.status(err.retryable ? 503 : 400).json({
        type: err.retryable ? "cloud_unavailable" : "cloud_rejected",
        code,
        field,
        message: err.message,
      })
      return undefined
    }
    throw e
  }
}

export function notFound(what: string): never {
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `${what} was not found.`)
}
