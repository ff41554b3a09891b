import { createHash, timingSafeEqual } from "node:crypto"

/** md5 of the plain concatenation, lower-case hex — the only signature scheme the v1/v2 API uses. */
function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex")
}

/** API call signature: md5(client_id + timestamp + client_secret), values only, lower-case hex (reference §1.4). */
export function apiSign(clientId: string, timestamp: number | string, clientSecret: string): string {
  return md5Hex(`${clientId}${timestamp}${clientSecret}`)
}

/** Push signature: md5(client_id + push_time + client_secret) (reference §4.2). */
export function pushSign(clientId: string, pushTime: number | string, clientSecret: string): string {
  return md5Hex(`${clientId}${pushTime}${clientSecret}`)
}

/**
 * Compares two hex signatures case-insensitively in constant time.
 * The platform's sample pushes show upper-case hex while md5 gives lower-case, so both must pass.
 */
export function verifySign(expected: string, given: string): boolean {
  if (typeof expected !== "string" || typeof given !== "string") return false
  const a = Buffer.from(expected.toLowerCase(), "utf8")
  const b = Buffer.from(given.toLowerCase(), "utf8")
  if (a.length !== b.length || a.length === 0) return false
  return timingSafeEqual(a, b)
}
