import { BehaviorSwitches } from "./behavior"
import { realNowSec, SimClock } from "./clock"
import { Faults } from "./faults"
import { type Device, DeviceWarehouse, stateNumber } from "./printers"
import { PushCenter } from "./pushes"
import { PrintIdSource } from "./print-ids"
import { PrintQueue } from "./queue"
import { Resources } from "./resources"
import { RollingQuota, TokenBook } from "./tokens"
import { TOKEN_QUOTA_WINDOW_MS } from "./defaults"
import type { PrinterState, SimBehavior, SimulatorLogger } from "./types"

export interface SimulatorConfig {
  clientId: string
  clientSecret: string
  pushTimeoutMs: number
  pushRetryIntervalMs: number
  finishDelayMs: number
  tokenQuota: number
  hangCapMs: number
  /** The switches the simulator starts with and returns to on reset(). */
  behavior: Readonly<SimBehavior>
  logger: SimulatorLogger
}

/** Everything the simulated cloud remembers; all of it in memory, all of it cleared by reset(). */
export class SimulatorState {
  readonly clock = new SimClock()
  readonly resources = new Resources()
  readonly faults = new Faults()
  readonly devices = new DeviceWarehouse()
  /** Not cleared by reset(): ids keep growing for as long as the process lives (and across restarts). */
  readonly printIds = new PrintIdSource()
  readonly behavior: BehaviorSwitches
  readonly tokens: TokenBook
  readonly pushes: PushCenter
  readonly queue: PrintQueue
  readonly startedAt = Date.now()

  constructor(readonly config: SimulatorConfig) {
    this.behavior = new BehaviorSwitches(config.behavior)
    this.tokens = new TokenBook(config.clientId, new RollingQuota(config.tokenQuota, TOKEN_QUOTA_WINDOW_MS))
    this.pushes = new PushCenter({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      timeoutMs: config.pushTimeoutMs,
      retryIntervalMs: config.pushRetryIntervalMs,
      resources: this.resources,
      logger: config.logger,
      cloudNowSec: () => this.cloudNowSec(),
    })
    this.queue = new PrintQueue({
      clock: this.clock,
      resources: this.resources,
      devices: this.devices,
      pushes: this.pushes,
      finishDelayMs: config.finishDelayMs,
      logger: config.logger,
      behavior: () => this.behavior.value,
      printIds: this.printIds,
    })
  }

  /** The cloud's own clock in seconds: the real clock plus behavior.clockSkewSec. */
  cloudNowSec(): number {
    return realNowSec() + this.behavior.value.clockSkewSec
  }

  /** A printer goes online/offline/out of paper: status push, and queued prints resume when online. */
  setPrinterState(device: Device, state: PrinterState, push = true): void {
    const changed = device.state !== state
    device.state = state
    if (changed && push) {
      this.pushes.emit("oauth_printStatus", { machine_code: device.machineCode, online: String(stateNumber(state)) })
    }
    if (state === "online") this.queue.resume(device)
  }

  /** Back to a fresh cloud: the Medusa test runner recreates its database before every test. */
  reset(): void {
    this.resources.cancelAll()
    this.pushes.reset()
    this.queue.reset()
    this.devices.reset()
    this.tokens.reset()
    this.faults.reset()
    this.clock.reset()
    this.behavior.reset()
  }
}
