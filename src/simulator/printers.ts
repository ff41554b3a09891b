import { CLOUD_CODES, CloudError } from "./codes"
import { DEFAULT_FIRMWARE, DEFAULT_MODEL, DEFAULT_PAPER_WIDTH, MAX_DEVICES } from "./defaults"
import { expectedMsign } from "./signing"
import type { AddDeviceInput, DeviceInfo, PaperWidth, PrinterState } from "./types"

/** A virtual printer in the simulator's "warehouse" (the control API's DeviceInfo, key derived). */
export interface Device extends Omit<DeviceInfo, "msign" | "voices"> {
  voices: Map<number, string>
}

export const MACHINE_CODE_SHAPE = /^\d{10}$/
const UNSUPPORTED_MODEL = /^K[123](?:-|$)/i

export function isPrinterState(value: unknown): value is PrinterState {
  return value === "online" || value === "offline" || value === "paper_out"
}

/** The number the cloud uses for a state: 0 offline, 1 online, 2 out of paper (reference §3.8). */
export function stateNumber(state: PrinterState): 0 | 1 | 2 {
  return state === "online" ? 1 : state === "paper_out" ? 2 : 0
}

/** `software` of printer/getversion carries the model name, e.g. "K4-WAD" (reference §3). */
export function softwareName(model: string): string {
  return model.includes("-") ? model : `${model}-WAD`
}

export class DeviceWarehouse {
  private readonly devices = new Map<string, Device>()
  private nextMadeUpCode = 4004000001

  /** Any well-formed machine code is a real device, created with defaults on first use. */
  get(machineCode: string): Device | undefined {
    if (!MACHINE_CODE_SHAPE.test(machineCode)) return undefined
    return this.devices.get(machineCode) ?? this.create(machineCode, {})
  }

  add(input: AddDeviceInput): Device {
    const machineCode = input.machineCode ?? this.madeUpCode()
    if (!MACHINE_CODE_SHAPE.test(machineCode)) throw new Error("machineCode must be 10 digits")
    if (input.paperWidth !== undefined && input.paperWidth !== 58 && input.paperWidth !== 80) {
      throw new Error("paperWidth must be 58 or 80")
    }
    if (input.state !== undefined && !isPrinterState(input.state)) {
      throw new Error("state must be online, offline or paper_out")
    }
    if (input.model !== undefined && !/^[A-Za-z0-9-]{1,20}$/.test(input.model)) {
      throw new Error("model must be a model name such as K4, K5, K6-WH")
    }
    if (input.firmware !== undefined && (typeof input.firmware !== "string" || !/^[A-Za-z0-9._-]{1,20}$/.test(input.firmware))) {
      throw new Error('firmware must be a version such as "a7" or "a8.5.0"')
    }
    const device = this.devices.get(machineCode) ?? this.create(machineCode, input)
    if (input.model) device.model = input.model.toUpperCase()
    if (input.paperWidth) device.paperWidth = input.paperWidth
    if (input.firmware) device.firmware = input.firmware
    if (input.state) device.state = input.state
    if (input.boundElsewhere) device.boundTo = "elsewhere"
    else if (input.bound) device.boundTo = "self"
    return device
  }

  list(): Device[] {
    return [...this.devices.values()]
  }

  /**
   * The device behind a machine_code the app may use. Documented choice: a malformed code
   * answers 8 (printer info wrong), a real printer not bound to this app answers 10 (no permission).
   */
  requireBound(machineCode: string): Device {
    const device = this.get(machineCode)
    if (!device) throw new CloudError(CLOUD_CODES.PRINTER_INFO_WRONG, "machine_code须为10位数字")
    if (device.boundTo !== "self") throw new CloudError(CLOUD_CODES.NO_PERMISSION, "打印机未授权给此应用")
    return device
  }

  /** printer/addprinter: the key must match; re-adding by the same app is a success. */
  bind(machineCode: string, key: string, extras: { printName?: string; phone?: string }): Device {
    const device = this.get(machineCode)
    if (!device || key.toLowerCase() !== expectedMsign(machineCode)) {
      throw new CloudError(CLOUD_CODES.MSIGN_WRONG)
    }
    if (UNSUPPORTED_MODEL.test(device.model)) throw new CloudError(CLOUD_CODES.MODEL_UNSUPPORTED_K123)
    if (device.boundTo === "elsewhere") throw new CloudError(CLOUD_CODES.ALREADY_BOUND_ELSEWHERE)
    device.boundTo = "self"
    if (extras.printName !== undefined) device.printName = extras.printName
    if (extras.phone !== undefined) device.phone = extras.phone
    return device
  }

  unbind(device: Device): void {
    device.boundTo = null
    device.getOrderMode = false
    device.btnPrintMode = false
  }

  reset(): void {
    this.devices.clear()
    this.nextMadeUpCode = 4004000001
  }

  private create(machineCode: string, input: AddDeviceInput): Device {
    this.evictIfFull()
    const device: Device = {
      machineCode,
      model: (input.model ?? DEFAULT_MODEL).toUpperCase(),
      paperWidth: input.paperWidth ?? DEFAULT_PAPER_WIDTH,
      firmware: input.firmware ?? DEFAULT_FIRMWARE,
      state: "online",
      boundTo: null,
      getOrderMode: false,
      btnPrintMode: false,
      voices: new Map(),
      menus: [],
      settings: {},
    }
    this.devices.set(machineCode, device)
    return device
  }

  private madeUpCode(): string {
    while (this.devices.has(String(this.nextMadeUpCode))) this.nextMadeUpCode++
    return String(this.nextMadeUpCode++)
  }

  private evictIfFull(): void {
    if (this.devices.size < MAX_DEVICES) return
    for (const [code, device] of this.devices) {
      if (device.boundTo !== "self") {
        this.devices.delete(code)
        return
      }
    }
    throw new CloudError(CLOUD_CODES.SYSTEM_ERROR, "simulator device limit reached")
  }
}

export function deviceInfo(device: Device): DeviceInfo {
  return {
    machineCode: device.machineCode,
    msign: expectedMsign(device.machineCode),
    model: device.model,
    paperWidth: device.paperWidth,
    firmware: device.firmware,
    state: device.state,
    boundTo: device.boundTo,
    printName: device.printName,
    phone: device.phone,
    getOrderMode: device.getOrderMode,
    btnPrintMode: device.btnPrintMode,
    icon: device.icon,
    voices: Object.fromEntries([...device.voices].map(([aid, content]) => [String(aid), content])),
    menus: device.menus.map(([name, url]) => [name, url] as [string, string]),
    sound: device.sound,
    settings: { ...device.settings },
  }
}
