/**
 * Yilianyun's v1 global return codes (reference §6.1) as sentences a merchant can act on.
 * v2 keeps numeric `error` values but documents no table, so unknown codes get a generic sentence.
 */
const CODE_SENTENCES: Readonly<Record<number, string>> = {
  0: "The request succeeded.",
  1: "Yilianyun rejected the authorization request type — the plugin sent an unsupported response_type; report this to the plugin maintainers.",
  2: "Yilianyun does not know this client ID — check the clientId option against the app on dev.10ss.net.",
  3: "The authorization redirect URL does not match the one registered for the app — fix the callback URL in the Yilianyun developer console.",
  4: "The authorization request is missing its client ID, response type or state — start the authorization again from the admin.",
  5: "The client ID or client secret is wrong — check the clientId and clientSecret options against the app on dev.10ss.net.",
  6: "The authorization code is wrong or has expired (codes last 10 minutes) — authorize the printer again.",
  7: "The Yilianyun account name or password is wrong — check them and authorize again.",
  8: "Yilianyun rejected the printer details — check the machine code and the other printer settings.",
  9: "The printer cannot be reached by the Yilianyun cloud — check its power and network; the request is safe to retry once it is back online.",
  10: "This app has no permission for that printer or operation — bind or authorize the printer to this app first.",
  11: "Yilianyun could not verify the request signature — check the clientSecret option and that the server clock is correct (NTP).",
  12: "A required parameter was missing — report this to the plugin maintainers with the operation you tried.",
  13: "Yilianyun could not print: the print parameters were rejected — check the receipt content and the printer binding.",
  14: "The Yilianyun access token is wrong — the plugin will fetch a new one; if this keeps happening, reset the token from the admin.",
  15: "The requested permission scope is larger than the one first granted — authorize the printer again.",
  16: "K1, K2 and K3 printers are not supported by the Yilianyun Open API — use a newer model.",
  17: "This printer is already bound to another Yilianyun account — unbind it there (or in the Yilianyun app) first.",
  18: "The Yilianyun access token has expired or was replaced — the plugin will fetch a new one; if this keeps happening, reset the token from the admin.",
  19: "The Yilianyun app is not listed or has been delisted — check the app's status on dev.10ss.net.",
  20: "The Yilianyun refresh token has expired — authorize the printer again.",
  21: "The printer could not be shut down or restarted — check that it is online and try again.",
  22: "The printer volume could not be set — check that it is online and try again.",
  23: "The printer's model and print width could not be read — check that it is online and try again.",
  24: "There was nothing left to cancel on this printer — its queue is already empty.",
  25: "The printer's firmware and hardware version could not be read — check that it is online and try again.",
  26: "The printer logo could not be removed — check that the printer is online and try again.",
  27: "The permission scope is missing — report this to the plugin maintainers (scope must be 'all').",
  28: "The printer logo could not be set — use a PNG/JPG at most 350 px wide and 40 KB, reachable by a public URL.",
  29: "The client ID, machine code or QR key is empty — fill in the printer's machine code and key.",
  30: "The machine code or QR key is wrong — check the label on the printer and scan a fresh QR code.",
  31: "This operation is only for open (SaaS) apps, not self-owned apps — check the app type in the Yilianyun developer console.",
  32: "The order-confirmation setting failed — check that the printer is online and supports it.",
  33: "Yilianyun rejected the request id — report this to the plugin maintainers.",
  34: "Yilianyun refused the operation as illegal — check the printer binding and the values sent.",
  35: "The machine code or printer key (msign) is wrong — copy both again from the label on the printer.",
  36: "Key-press printing could not be switched — check that the printer is online and supports it.",
  37: "The printer app menu could not be added — check that the printer model supports app menus (K4, W1).",
  38: "The printer menu content must be a list of name/URL pairs — check the menu settings.",
  39: "The printer has too many app menus — remove some before adding more.",
  40: "A printer app menu with that name already exists — choose a different name.",
  41: "Today's limit of 20 Yilianyun token fetches has been used up — wait 24 hours; printing resumes with the stored token, do not reset it again.",
  42: "This printer model cannot print waybills — use a K5-series printer.",
  43: "The courier (shipper) code on the waybill is wrong — check the ShipperCode.",
  44: "Yilianyun returned an unused error code (44) — try again, and report it if it repeats.",
  45: "Yilianyun had an internal system error — the request is safe to retry; report it to Yilianyun if it repeats.",
  46: "The picture URL is wrong or the image format is not supported — use a public JPG/PNG URL within the size limits.",
  47: "Yilianyun rejected a parameter — see the details below and correct the value.",
  48: "This printer model or firmware does not support that setting.",
  49: "Yilianyun reported an error — the request is safe to retry; see the details below if it repeats.",
}

/** Codes worth resending: the failure is on the cloud's or the printer's side and resending is safe. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([9, 45, 49])

/** Codes meaning the access token itself is bad; the token store refetches on these. */
const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([14, 18])

/** A sentence for a Yilianyun return code, saying what to do; unknown codes get a generic sentence. */
export function describeYilianyunCode(code: number): string {
  return (
    CODE_SENTENCES[code] ??
    `Yilianyun refused the request with error ${code} — see the details below; report it if it is unclear.`
  )
}

/** Whether resending after this cloud code can succeed (with the same origin_id, so it never double-prints). */
export function isRetryableCode(code: number): boolean {
  return RETRYABLE_CODES.has(code)
}

/** Whether the code says the access token is wrong or expired (14, 18). */
export function isTokenInvalidCode(code: number): boolean {
  return TOKEN_INVALID_CODES.has(code)
}

/** Every code of the v1 table, for exhaustive tests and admin help pages. */
export const KNOWN_YILIANYUN_CODES: readonly number[] = Object.keys(CODE_SENTENCES).map(Number)
