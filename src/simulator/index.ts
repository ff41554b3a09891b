import type { AddressInfo } from "node:net"
import { SimulatorControl } from "./control"
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_FINISH_DELAY_MS,
  DEFAULT_HANG_CAP_MS,
  DEFAULT_HOST,
  DEFAULT_PUSH_RETRY_INTERVAL_MS,
  DEFAULT_PUSH_TIMEOUT_MS,
  DEFAULT_TOKEN_QUOTA,
} from "./defaults"
import { DEFAULT_BEHAVIOR, mergeBehavior } from "./behavior"
import { createSimulatorServer } from "./server"
import { SimulatorState } from "./state"
import type { SimBehavior, SimulatorLogger } from "./types"

export { SimulatorControl, SimulatorControlError } from "./control"
export type { WaitOptions } from "./control"
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from "./defaults"
export { DEFAULT_BEHAVIOR } from "./behavior"
export { DOCUMENTED_PUSH_CMDS } from "./api-oauth"
export { V2_CODE_OFFSET, v2StyleError } from "./codes"
export { MAX_MENU_NAME_BYTES } from "./menu"
export { expectedMsign, apiSign, pushSign } from "./signing"
export { API_PATHS } from "./server"
export { CLOUD_CODES, describeCode } from "./codes"
export * from "./types"

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1: the simulator is a test tool, keep it on loopback. */
  host?: string
  clientId?: string
  clientSecret?: string
  /** A push counts only if acknowledged within this time (default 3000 ms, like the cloud). */
  pushTimeoutMs?: number
  /** Pause between push delivery attempts (default 200 ms, short for tests). */
  pushRetryIntervalMs?: number
  /** Time an online printer takes to print a queued job (default 200 ms). */
  finishDelayMs?: number
  /** Token fetches per rolling 24 h (default 20). */
  tokenQuota?: number
  /** Longest a call told to time out is held before its socket is destroyed (default 60 s). */
  hangCapMs?: number
  /**
   * Behaviour switches (see SimBehavior and the README): the values given here are the ones
   * control.reset() returns to; each defaults to DEFAULT_BEHAVIOR.
   */
  behavior?: Partial<SimBehavior>
  /** Shorthand for behavior.probePushUrls: GET-probe push URLs in oauth/setpushurl (default true). */
  probePushUrls?: boolean
  /** Default: silent. Never receives secrets or tokens. */
  logger?: SimulatorLogger
}

export interface Simulator {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:18700 (the API also answers under /v2). */
  url: string
  clientId: string
  clientSecret: string
  control: SimulatorControl
  close(): Promise<void>
}

const SILENT: SimulatorLogger = { info: () => undefined, warn: () => undefined }

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0) throw new Error(`startSimulator: ${name} must be a number ≥ 0`)
  return value
}

/** Starts a Yilianyun cloud simulator on a real HTTP port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET
  if (!clientId || !clientSecret) throw new Error("startSimulator: clientId and clientSecret must not be empty")
  const state = new SimulatorState({
    clientId,
    clientSecret,
    pushTimeoutMs: nonNegative("pushTimeoutMs", options.pushTimeoutMs, DEFAULT_PUSH_TIMEOUT_MS),
    pushRetryIntervalMs: nonNegative("pushRetryIntervalMs", options.pushRetryIntervalMs, DEFAULT_PUSH_RETRY_INTERVAL_MS),
    finishDelayMs: nonNegative("finishDelayMs", options.finishDelayMs, DEFAULT_FINISH_DELAY_MS),
    tokenQuota: nonNegative("tokenQuota", options.tokenQuota, DEFAULT_TOKEN_QUOTA),
    hangCapMs: nonNegative("hangCapMs", options.hangCapMs, DEFAULT_HANG_CAP_MS),
    behavior: mergeBehavior(DEFAULT_BEHAVIOR, { probePushUrls: options.probePushUrls, ...options.behavior }),
    logger: options.logger ?? SILENT,
  })

  const server = createSimulatorServer(state)
  const host = options.host ?? DEFAULT_HOST
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`
  state.config.logger.info(`Yilianyun simulator listening on ${url} (client_id ${clientId})`)

  let closing: Promise<void> | undefined
  return {
    url,
    clientId,
    clientSecret,
    control: new SimulatorControl(url),
    close() {
      closing ??= new Promise<void>((resolve) => {
        state.resources.dispose()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
