// v2 answers print ids as bare JSON integers larger than 2^53 (reference §1.5). JSON.stringify
// cannot write such a number, so ids are wrapped in BareInteger and this writer emits them unquoted.

export class BareInteger {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new Error(`not an integer: ${digits}`)
  }
}

export function toJsonText(value: unknown): string {
  if (value instanceof BareInteger) return value.digits
  if (Array.isArray(value)) return `[${value.map((item) => toJsonText(item ?? null)).join(",")}]`
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => `${JSON.stringify(key)}:${toJsonText(member)}`)
    return `{${members.join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}
