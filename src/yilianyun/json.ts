/**
 * JSON parsing that never loses digits: the v2 API returns print ids as bare 19-digit integers,
 * which JSON.parse would round. Integers of 16+ digits are quoted before parsing.
 */

// Strings are matched first so digits inside them are left alone; the lookbehind skips
// fraction and exponent digits of non-integer numbers.
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+\-])-?\d{16,}(?![\d.eE])/g
const HAS_LONG_DIGIT_RUN = /\d{16}/

export function parseJsonPreservingBigInts(text: string): unknown {
  if (!HAS_LONG_DIGIT_RUN.test(text)) return JSON.parse(text)
  const quoted = text.replace(STRING_OR_LONG_INTEGER, (match) => (match[0] === '"' ? match : `"${match}"`))
  return JSON.parse(quoted)
}

/** Fields that carry ids; they are always handed out as strings whatever type the cloud used. */
export const ID_FIELDS: ReadonlySet<string> = new Set(["id", "order_id", "machine_code", "origin_id", "aid"])

/** Deep copy of a response body with every known id field turned into a string. */
export function normaliseIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseIds)
  if (value === null || typeof value !== "object") return value
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    out[key] = ID_FIELDS.has(key) && (typeof field === "number" || typeof field === "bigint") ? String(field) : normaliseIds(field)
  }
  return out
}

/** A value as a string id, or undefined when absent/empty. */
export function asId(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  return undefined
}

/** A numeric field the cloud may send as number or numeric string; undefined when absent or not a number. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
}
