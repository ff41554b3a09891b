import { createHash } from "node:crypto"

/**
 * What makes two pushes "the same" (the platform delivers up to 3 times). A print finishes and is
 * decided once, so those are keyed by print id whatever their push_time; status changes and key
 * presses can repeat, so their push_time is part of the key.
 */
export function pushDedupeKey(fields: Readonly<Record<string, string>>): string {
  const mc = fields.machine_code ?? ""
  switch (fields.cmd) {
    case "oauth_finish":
      return `finish:${mc}:${fields.order_id ?? fields.origin_id ?? ""}`
    case "oauth_getOrder":
      return `getOrder:${mc}:${fields.order_id ?? ""}`
    case "oauth_printStatus":
      return `printStatus:${mc}:${fields.online ?? ""}:${fields.push_time ?? ""}`
    case "oauth_request":
      return `request:${mc}:${fields.state ?? ""}:${fields.push_time ?? ""}`
    default: {
      const { sign: _sign, ...rest } = fields
      const canonical = Object.keys(rest)
        .sort()
        .map((k) => `${k}=${rest[k]}`)
        .join("&")
      return `${fields.cmd ?? "unknown"}:${createHash("sha1").update(canonical).digest("hex")}`
    }
  }
}
