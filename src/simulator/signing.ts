import { createHash, timingSafeEqual } from "node:crypto"

// The simulator's own signer, written independently of src/yilianyun so that it can judge that
// client rather than agree with it by construction.

export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex")
}

/** API request sign: lower-case md5 of client_id + timestamp + client_secret (reference §1.4). */
export function apiSign(clientId: string, timestamp: string | number, clientSecret: string): string {
  return md5Hex(`${clientId}${timestamp}${clientSecret}`)
}

/** Push sign: lower-case md5 of client_id + push_time + client_secret (reference §4.2). */
export function pushSign(clientId: string, pushTime: string | number, clientSecret: string): string {
  return md5Hex(`${clientId}${pushTime}${clientSecret}`)
}

/**
 * The device key ("msign", printed on a real printer's label) of a simulated printer.
 *
 * Rule: the first 12 lower-case hex characters of md5("yly-sim:" + machineCode).
 * Deterministic so tests, the demo and store developers can bind any 10-digit machine code
 * without asking the simulator first; e.g. expectedMsign("4004000001").
 */
export function expectedMsign(machineCode: string): string {
  return md5Hex(`yly-sim:${machineCode}`).slice(0, 12)
}

/** Constant-time, case-insensitive comparison of two hex digests. */
export function hexEqualsIgnoreCase(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), "utf8")
  const b = Buffer.from(expected.toLowerCase(), "utf8")
  return a.length === b.length && timingSafeEqual(a, b)
}
