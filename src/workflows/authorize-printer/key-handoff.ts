import { randomUUID } from "node:crypto"

/** A key handed over is usable this long: enough for the workflow that was started with it. */
const TTL_MS = 5 * 60_000

const keys = new Map<string, { msign: string; expires: number }>()

/**
 * Hands a printer's key (msign) to the authorization workflow without putting it in the
 * workflow's input: a workflow engine that stores executions (Redis engine with retention, an
 * async step, a timeout added later) would store the input, and the key must never be stored
 * (design §2). The key stays in this process's memory until the step takes it, once, or it
 * expires. Returns the reference to pass as `msign_ref`.
 */
export function handOverPrinterKey(msign: string): string {
  const now = Date.now()
  for (const [ref, entry] of keys) if (entry.expires < now) keys.delete(ref)
  const ref = randomUUID()
  keys.set(ref, { msign, expires: now + TTL_MS })
  return ref
}

/** The key for this reference, once; null when it was taken, expired or belongs to another process. */
export function takePrinterKey(ref: string): string | null {
  const entry = keys.get(ref)
  keys.delete(ref)
  return entry && entry.expires >= Date.now() ? entry.msign : null
}
