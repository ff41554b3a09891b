import type { PushCmd } from "./types"

/**
 * The API generation behind a base URL: `…/v2` is v2 (2023-06 onward: integer `error`, a
 * `timestamp` in every answer); a base without it is the v1 OAuth API (reference §0).
 */
export type ApiVersion = "v1" | "v2"

/** "v2" when the URL's path ends in a /v2 segment, else "v1". Unparsable URLs count as v2 (the default base). */
export function apiVersionOf(apiUrl: string): ApiVersion {
  let path: string
  try {
    path = new URL(apiUrl).pathname
  } catch {
    return "v2"
  }
  return /(^|\/)v2\/*$/i.test(path) ? "v2" : "v1"
}

/**
 * The `cmd` values each version's oauth/setpushurl page documents (reference §4.1): v1 — and
 * every SDK docblock copied from it — lists four; the v2 page lists three, without
 * oauth_request (the K2S key-request push). App-menu pushes go to each menu's own URL and are
 * not registered here in either version.
 */
export const DOCUMENTED_PUSH_COMMANDS: Readonly<Record<ApiVersion, readonly PushCmd[]>> = Object.freeze({
  v1: Object.freeze(["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"] as PushCmd[]),
  v2: Object.freeze(["oauth_finish", "oauth_getOrder", "oauth_printStatus"] as PushCmd[]),
})

/**
 * The push commands to register with oauth/setpushurl for this API base URL — only those its
 * version documents, so no registration depends on an undocumented command being accepted.
 */
export function pushCommandsFor(apiUrl: string): readonly PushCmd[] {
  return DOCUMENTED_PUSH_COMMANDS[apiVersionOf(apiUrl)]
}
