import type {
  AddPrinterParams,
  BoundCall,
  K8SettingParams,
  OrderListItem,
  OrderStatusResult,
  PrintInfoResult,
  PrintStatusResult,
  PushSwitchParams,
  SetKeywordsParams,
  VersionResult,
} from "../types"
import { invalid, requireBoolean, requireHttpUrl, requireIntInRange, requireMachineCode, requireOneOf, requireText } from "../validate"
import type { ApiVersion } from "../version"
import { toOrderList, toOrderStatusResult, toPrintInfo, toPrintStatus, toVersion } from "./printer-results"

// Print ids are digits on v2; v1 sent them as strings, so only the character set is checked.
const PRINT_ID = /^[0-9A-Za-z]{1,64}$/

/** Binding, device settings, status and the print queue of one printer (all take its machine code). */
export class PrinterApi {
  constructor(
    private readonly call: BoundCall,
    /** The API generation: on v1, status 0 means "unprinted or canceled". */
    private readonly version: ApiVersion = "v2"
  ) {}

  // ---- binding ----

  /** Binds a printer to a self-owned app with its label key (msign) or a QR key. */
  async add(params: AddPrinterParams): Promise<void> {
    const path = "printer/addprinter"
    const hasMsign = typeof params.msign === "string" && params.msign !== ""
    const hasQrKey = typeof params.qrKey === "string" && params.qrKey !== ""
    if (!hasMsign && !hasQrKey) throw invalid(path, "The printer key (msign) is missing — copy it from the label on the printer.")
    await this.call(path, {
      machine_code: requireMachineCode(path, params.machineCode),
      msign: hasMsign ? params.msign : undefined,
      qr_key: hasQrKey ? params.qrKey : undefined,
      phone: params.phone || undefined,
      print_name: params.printName || undefined,
    })
  }

  /** Unbinds the printer (self-owned) or revokes its authorization (open app). */
  async delete(machineCode: string): Promise<void> {
    await this.simple("printer/deleteprinter", machineCode)
  }

  // ---- device ----

  async shutdownRestart(machineCode: string, action: "restart" | "shutdown"): Promise<void> {
    const path = "printer/shutdownrestart"
    await this.call(path, {
      machine_code: requireMachineCode(path, machineCode),
      response_type: requireOneOf(path, "action", action, ["restart", "shutdown"] as const),
    })
  }

  /** Sets the buzzer or horn volume, 0 (mute) to 3 (loud). */
  async setSound(machineCode: string, output: "buzzer" | "horn", volume: number): Promise<void> {
    const path = "printer/setsound"
    await this.call(path, {
      machine_code: requireMachineCode(path, machineCode),
      response_type: requireOneOf(path, "Sound output", output, ["buzzer", "horn"] as const),
      voice: requireIntInRange(path, "Volume", volume, 0, 3),
    })
  }

  async printInfo(machineCode: string): Promise<PrintInfoResult> {
    return toPrintInfo(await this.simple("printer/printinfo", machineCode))
  }

  /** Firmware (`hardware`, e.g. "a7") and model (`software`, e.g. "K4-WAD"). */
  async getVersion(machineCode: string): Promise<VersionResult> {
    const path = "printer/getversion"
    return toVersion(path, await this.simple(path, machineCode))
  }

  /** Logo: image ≤ 350 px wide and ≤ 40 KB at a public URL. */
  async setIcon(machineCode: string, imgUrl: string): Promise<void> {
    const path = "printer/seticon"
    await this.call(path, { machine_code: requireMachineCode(path, machineCode), img_url: requireHttpUrl(path, "Logo URL", imgUrl) })
  }

  async deleteIcon(machineCode: string): Promise<void> {
    await this.simple("printer/deleteicon", machineCode)
  }

  /** Key-press printing: when open, a receipt prints only after the printer's button is pressed. */
  async btnPrint(machineCode: string, open: boolean): Promise<void> {
    const path = "printer/btnprint"
    const flag = requireBoolean(path, "open", open)
    await this.call(path, { machine_code: requireMachineCode(path, machineCode), response_type: flag ? "btnopen" : "btnclose" })
  }

  /** Accept/reject mode: `open`/`close` (not `btnopen`, the C# SDK's bug). Not on K5. */
  async getOrder(machineCode: string, open: boolean): Promise<void> {
    const path = "printer/getorder"
    const flag = requireBoolean(path, "open", open)
    await this.call(path, { machine_code: requireMachineCode(path, machineCode), response_type: flag ? "open" : "close" })
  }

  async getPrintStatus(machineCode: string): Promise<PrintStatusResult> {
    const path = "printer/getprintstatus"
    const mc = requireMachineCode(path, machineCode)
    return toPrintStatus(path, await this.call(path, { machine_code: mc }), mc)
  }

  // ---- queue ----

  /** Cancels every unprinted job; error 24 means the queue was already empty. */
  async cancelAll(machineCode: string): Promise<void> {
    await this.simple("printer/cancelall", machineCode)
  }

  async cancelOne(machineCode: string, printId: string): Promise<void> {
    await this.withPrintId("printer/cancelone", machineCode, printId)
  }

  async getOrderStatus(machineCode: string, printId: string): Promise<OrderStatusResult> {
    const path = "printer/getorderstatus"
    return toOrderStatusResult(path, await this.withPrintId(path, machineCode, printId), this.version)
  }

  /** Jobs created by this app, newest first; page 1–100, size 1–100. */
  async getOrderPagingList(machineCode: string, page = 1, size = 10): Promise<OrderListItem[]> {
    const path = "printer/getorderpaginglist"
    const body = await this.call(path, {
      machine_code: requireMachineCode(path, machineCode),
      page_index: requireIntInRange(path, "Page", page, 1, 100),
      page_size: requireIntInRange(path, "Page size", size, 1, 100),
    })
    return toOrderList(path, body, this.version)
  }

  /** Prints a job this app created again (v2). */
  async reprintOrder(machineCode: string, printId: string): Promise<void> {
    await this.withPrintId("printer/reprintorder", machineCode, printId)
  }

  // ---- K8 ----

  /** K8 scan-payment push channel on/off and mode. */
  async pushSwitch(params: PushSwitchParams): Promise<void> {
    const path = "printer/pushswitch"
    await this.call(path, {
      machine_code: requireMachineCode(path, params.machineCode),
      status: requireOneOf(path, "status", params.status, ["open", "close"] as const),
      mode: params.mode === undefined ? undefined : requireOneOf(path, "mode", params.mode, [1, 2, 3] as const),
    })
  }

  /** K8 keywords (semantics undocumented; values are passed through). */
  async setKeywords(params: SetKeywordsParams): Promise<void> {
    const path = "printer/setkeywords"
    await this.call(path, {
      machine_code: requireMachineCode(path, params.machineCode),
      keys: requireText(path, "keys", params.keys),
      type: params.type,
      content: requireText(path, "content", params.content),
    })
  }

  /** K8 advanced settings (firmware ≥ 1.3.0, printer online). */
  async setting(params: K8SettingParams): Promise<void> {
    const path = "printer/setting"
    const flag = (name: string, value: unknown) => (value === undefined ? undefined : requireOneOf(path, name, value, [0, 1] as const))
    const settings = {
      usb_print_mode: flag("usbPrintMode", params.usbPrintMode),
      usb_input_mode: flag("usbInputMode", params.usbInputMode),
      camera_decode_tx_mode: flag("cameraDecodeTxMode", params.cameraDecodeTxMode),
    }
    if (Object.values(settings).every((v) => v === undefined)) throw invalid(path, "Give at least one K8 setting to change.")
    await this.call(path, { machine_code: requireMachineCode(path, params.machineCode), ...settings })
  }

  private simple(path: string, machineCode: string): Promise<unknown> {
    return this.call(path, { machine_code: requireMachineCode(path, machineCode) })
  }

  private withPrintId(path: string, machineCode: string, printId: string): Promise<unknown> {
    const id = typeof printId === "number" ? String(printId) : printId
    if (typeof id !== "string" || !PRINT_ID.test(id)) {
      throw invalid(path, `The Yilianyun print id ${JSON.stringify(printId)} is not valid — pass the id returned by the print call, as a string.`)
    }
    return this.call(path, { machine_code: requireMachineCode(path, machineCode), order_id: id })
  }
}
