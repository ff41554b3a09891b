import { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { YilianyunError } from "../../yilianyun"
import { TokenBudgetExhaustedError } from "../../modules/yilianyun/token-store"

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
    const err = unwrap(e)
    if (err instanceof TokenBudgetExhaustedError) {
      res.status(503).json({ type: "token_budget_exhausted", message: err.message, frees_at: err.freesAt })
      return undefined
    }
    if (err instanceof YilianyunError) {
      const field = err.code !== null ? FIELD_OF_CODE[Number(err.code)] : undefined
      res.status(err.retryable ? 503 : 400).json({
        type: err.retryable ? "cloud_unavailable" : "cloud_rejected",
        code: err.code,
        field,
        message: err.message,
      })
      return undefined
    }
    throw e
  }
}

/** Workflow runs may wrap a step's error; find ours. */
function unwrap(e: unknown): unknown {
  let cur: any = e
  for (let i = 0; i < 3 && cur; i++) {
    if (cur instanceof YilianyunError || cur instanceof TokenBudgetExhaustedError) return cur
    if (cur?.name === "YilianyunError" && typeof cur.retryable === "boolean") return cur
    cur = cur.cause ?? cur.error
  }
  return e
}

export function notFound(what: string): never {
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `${what} was not found.`)
}
