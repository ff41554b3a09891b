import { createHash } from "node:crypto"

/**
 * What makes two pushes "the same": the platform delivers a push up to 3 times with the same
 * fields (push_time included), so a re-delivery has the same key. The key covers every field but
 * the sign, so it never collapses distinct pushes — two finish pushes whose print id is empty, or
 * a second key press on the same print — and it keeps a readable prefix for the admin.
 */
export function pushDedupeKey(fields: Readonly<Record<string, string>>): string {
  const { sign: _sign, ...rest } = fields
  const canonical = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${rest[k]}`)
    .join("&")
  const ref = fields.order_id || fields.origin_id || fields.state || fields.online || ""
  return `${fields.cmd ?? "unknown"}:${fields.machine_code ?? ""}:${ref}:${createHash("sha1").update(canonical).digest("hex")}`
}
