import type { BoundCall, Params, PushCmd, SetPushUrlParams } from "../types"
import { requireHttpUrl, requireMachineCode, requireOneOf } from "../validate"
import { DOCUMENTED_PUSH_COMMANDS } from "../version"

const PATH = "oauth/setpushurl"
// Every cmd a setpushurl page documents (v1's four; v2 lists three of them — see pushCommandsFor).
// App-menu pushes go to each menu's own URL: no version registers oauth_printMenu here.
const PUSH_CMDS: readonly PushCmd[] = DOCUMENTED_PUSH_COMMANDS.v1

/** Form parameters of oauth/setpushurl, validated. */
export function pushUrlParams(params: SetPushUrlParams): Params {
  return {
    cmd: requireOneOf(PATH, "cmd", params.cmd, PUSH_CMDS),
    url: requireHttpUrl(PATH, "Push url", params.url),
    status: requireOneOf(PATH, "status", params.status, ["open", "close"] as const),
    machine_code: params.machineCode === undefined ? undefined : requireMachineCode(PATH, params.machineCode),
  }
}

/** Registers (or switches off) the URL that receives one kind of push. Set it once, not per request. */
export class PushUrlApi {
  constructor(private readonly call: BoundCall) {}

  async set(params: SetPushUrlParams): Promise<void> {
    await this.call(PATH, pushUrlParams(params))
  }
}
