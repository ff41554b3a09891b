import { CLOUD_CODES, CloudError } from "./codes"
import { type EndpointTable, oneOf } from "./endpoint"
import { httpExchange, isPushAcknowledged } from "./http-out"
import { isHttpUrl } from "./pushes"
import { tokenBody } from "./tokens"
import { type ApiVersion, PUSH_CMDS, type PushCmd } from "./types"

/**
 * The cmd values each version's setpushurl page lists: v1 (and every SDK docblock copied from
 * it) names four; the v2 page names three — no oauth_request (reference §4.1).
 */
export const DOCUMENTED_PUSH_CMDS: Readonly<Record<ApiVersion, readonly PushCmd[]>> = {
  v1: ["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"],
  v2: ["oauth_finish", "oauth_getOrder", "oauth_printStatus"],
}

/** Token calls need scope=all (27 otherwise, reference §2.4). */
function requireScopeAll(params: Record<string, string>): void {
  if (params.scope !== "all") throw new CloudError(CLOUD_CODES.SCOPE_MISSING)
}

export const oauthEndpoints: EndpointTable = {
  "oauth/oauth": {
    auth: "none",
    required: ["grant_type"],
    handle({ params, state }) {
      requireScopeAll(params)
      const nowMs = state.clock.nowMs()
      if (params.grant_type === "client_credentials") {
        return { body: tokenBody(state.config.clientId, state.tokens.fetch(nowMs)) }
      }
      if (params.grant_type === "refresh_token") {
        if (!params.refresh_token) throw new CloudError(CLOUD_CODES.MISSING_PARAMETER, "refresh_token")
        return { body: tokenBody(state.config.clientId, state.tokens.refresh(params.refresh_token, nowMs)) }
      }
      // authorization_code belongs to open apps; the simulator plays a self-owned app.
      throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, "grant_type须为client_credentials|refresh_token")
    },
  },

  "oauth/scancodemodel": {
    auth: "none",
    required: [],
    handle({ params }) {
      requireScopeAll(params)
      throw new CloudError(CLOUD_CODES.NOT_FOR_SELF_OWNED_APPS)
    },
  },

  "oauth/setpushurl": {
    auth: "token",
    required: ["cmd", "url", "status"],
    async handle(context) {
      const { params, state } = context
      const cmd = oneOf<PushCmd>(context, "cmd", PUSH_CMDS)
      const documented = DOCUMENTED_PUSH_CMDS[context.version]
      if (state.behavior.value.refuseUndocumentedCommands && !documented.includes(cmd)) {
        // 34 ("illegal parameter") is what the simulator answers for any value outside a closed set.
        throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, `cmd须为${documented.join("|")}`)
      }
      const status = oneOf(context, "status", ["open", "close"] as const)
      if (!isHttpUrl(params.url)) throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, "url须以http://或https://开头")
      if (params.machine_code) state.devices.requireBound(params.machine_code)
      if (state.behavior.value.probePushUrls && status === "open") {
        // The cloud checks the address answers a GET probe with {"data":"OK"} (reference §4.1).
        const probe = await httpExchange(state.resources, "GET", params.url, state.config.pushTimeoutMs)
        if (!isPushAcknowledged(probe)) {
          throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, 'url未通过验证,GET须返回{"data":"OK"}')
        }
      }
      state.pushes.register({ cmd, url: params.url, status, machineCode: params.machine_code || undefined })
      return {}
    },
  },
}
