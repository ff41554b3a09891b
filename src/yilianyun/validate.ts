import { YilianyunError } from "./errors"

/** Local precondition checks: a bad value fails here, before a request is spent, and is never retryable. */

export function invalid(path: string, message: string): YilianyunError {
  return new YilianyunError({ kind: "protocol", path, description: message, message, retryable: false })
}

export function requireText(path: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw invalid(path, `${name} must be a non-empty string.`)
  return value
}

export function requireMachineCode(path: string, value: unknown): string {
  const text = typeof value === "number" ? String(value) : value
  if (typeof text !== "string" || !/^[0-9A-Za-z]{1,64}$/.test(text)) {
    throw invalid(path, `The printer machine code ${JSON.stringify(value)} is not valid — copy the digits from the label on the printer.`)
  }
  return text
}

const ORIGIN_ID = /^[0-9A-Za-z]{1,32}$/

/** v1 demands ≤ 32 letters/digits, v2 allows 64 bytes; the stricter rule works on both. */
export function requireOriginId(path: string, value: unknown): string {
  if (typeof value !== "string" || !ORIGIN_ID.test(value)) {
    throw invalid(path, `origin_id ${JSON.stringify(value)} must be 1–32 letters or digits (derive it from the job id with a hash).`)
  }
  return value
}

export function requireIntInRange(path: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(path, `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}.`)
  }
  return value
}

export function requireOneOf<T extends string | number>(path: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw invalid(path, `${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(value)}.`)
  }
  return value as T
}

export function requireHttpUrl(path: string, name: string, value: unknown): string {
  if (typeof value === "string") {
    try {
      const url = new URL(value)
      if (url.protocol === "http:" || url.protocol === "https:") return value
    } catch {
      // fall through to the error below
    }
  }
  throw invalid(path, `${name} must be an http:// or https:// URL, got ${JSON.stringify(value)}.`)
}

export function requireBoolean(path: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw invalid(path, `${name} must be true or false, got ${JSON.stringify(value)}.`)
  return value
}

/** Objects are serialised; strings must already be JSON (the cloud parses them). */
export function jsonContent(path: string, name: string, value: unknown): string {
  if (typeof value === "string") {
    try {
      JSON.parse(value)
    } catch {
      throw invalid(path, `${name} must be JSON.`)
    }
    return value
  }
  if (value !== null && typeof value === "object") return JSON.stringify(value)
  throw invalid(path, `${name} must be an object or a JSON string.`)
}
