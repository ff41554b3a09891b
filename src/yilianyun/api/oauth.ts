import { YilianyunError } from "../errors"
import { asId, asNumber, isPlainObject } from "../json"
import type { CallOptions, Params, ScanCodeTokenParams, SetPushUrlParams, TokenResult } from "../types"
import { invalid, requireMachineCode, requireText } from "../validate"
import { pushUrlParams } from "./push-url"

interface OauthCaller {
  readonly apiUrl: string
  readonly clientId: string
  call<T = unknown>(path: string, params?: Params, options?: CallOptions): Promise<T>
}

const TOKEN_PATH = "oauth/oauth"
const SCAN_CODE_PATH = "oauth/scancodemodel"

/**
 * Token acquisition. Every fetch or refresh counts toward 20 per day and revokes the previous
 * token within 2 h — callers must persist the token and share it, never fetch per request.
 */
export class OauthApi {
  constructor(private readonly client: OauthCaller) {}

  /** Self-owned app token (client_credentials); it does not expire. */
  async getToken(): Promise<TokenResult> {
    return toToken(TOKEN_PATH, await this.client.call(TOKEN_PATH, { grant_type: "client_credentials", scope: "all" }))
  }

  /** New token from a refresh token (counts toward the same 20/day). */
  async refreshToken(refreshToken: string): Promise<TokenResult> {
    const params = { grant_type: "refresh_token", scope: "all", refresh_token: requireText(TOKEN_PATH, "refreshToken", refreshToken) }
    return toToken(TOKEN_PATH, await this.client.call(TOKEN_PATH, params))
  }

  /** Open app: exchanges the code from the authorize redirect (valid 600 s) for a per-printer token. */
  async authorizationCodeToken(code: string): Promise<TokenResult> {
    const params = { grant_type: "authorization_code", scope: "all", code: requireText(TOKEN_PATH, "code", code) }
    return toToken(TOKEN_PATH, await this.client.call(TOKEN_PATH, params))
  }

  /** Open app "scan-code" authorization with the printer's msign or a QR key (valid 300 s). */
  async scanCodeToken(params: ScanCodeTokenParams): Promise<TokenResult> {
    const hasMsign = typeof params.msign === "string" && params.msign !== ""
    const hasQrKey = typeof params.qrKey === "string" && params.qrKey !== ""
    if (hasMsign === hasQrKey) throw invalid(SCAN_CODE_PATH, "Give exactly one of msign or qrKey to authorize the printer.")
    const body = await this.client.call(SCAN_CODE_PATH, {
      machine_code: requireMachineCode(SCAN_CODE_PATH, params.machineCode),
      scope: "all",
      msign: hasMsign ? params.msign : undefined,
      qr_key: hasQrKey ? params.qrKey : undefined,
    })
    return toToken(SCAN_CODE_PATH, body)
  }

  /** Open app: the browser URL that starts the authorization-code flow. */
  authorizeUrl(params: { redirectUri: string; state: string }): string {
    const url = new URL("/oauth/authorize", new URL(this.client.apiUrl).origin)
    url.searchParams.set("client_id", this.client.clientId)
    url.searchParams.set("response_type", "code")
    url.searchParams.set("redirect_uri", requireText("oauth/authorize", "redirectUri", params.redirectUri))
    url.searchParams.set("state", requireText("oauth/authorize", "state", params.state))
    return url.toString()
  }

  /** Registers the push URL for one push cmd (same as withToken(t).pushUrl.set). */
  async setPushUrl(params: SetPushUrlParams, accessToken: string): Promise<void> {
    await this.client.call("oauth/setpushurl", pushUrlParams(params), { accessToken: requireText("oauth/setpushurl", "accessToken", accessToken) })
  }
}

function toToken(path: string, body: unknown): TokenResult {
  if (!isPlainObject(body) || typeof body.access_token !== "string" || body.access_token === "") {
    throw new YilianyunError({
      kind: "protocol",
      path,
      description: "token response without access_token",
      message: "Yilianyun answered the token request without an access token — try again later; report it if it repeats.",
    })
  }
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : "",
    machineCode: asId(body.machine_code),
    expiresIn: asNumber(body.expires_in),
    refreshExpiresIn: asNumber(body.refresh_expires_in),
    scope: typeof body.scope === "string" ? body.scope : undefined,
  }
}
