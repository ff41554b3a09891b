import { CLOUD_CODES, CloudError } from "./codes"
import { boundPrinter, type EndpointTable, oneOf, optionalInt, requireOnline } from "./endpoint"
import { isHttpUrl } from "./pushes"
import { softwareName, stateNumber } from "./printers"
import { parseMenuContent } from "./menu"

const MAX_MENUS = 9
const VOICE_SLOTS = 10

// Device administration: binding and the settings endpoints of reference §3. Settings are stored
// on the virtual device (visible through the control API) and change nothing on paper, except
// getorder / btnprint, which the print queue honours.
export const printerEndpoints: EndpointTable = {
  "printer/addprinter": {
    auth: "token",
    required: ["machine_code"],
    handle({ params, state }) {
      // qr_key is the v2 alternative to msign; the simulator accepts the device key for either.
      const key = params.msign || params.qr_key
      if (!key) throw new CloudError(CLOUD_CODES.MISSING_PARAMETER, "msign")
      state.devices.bind(params.machine_code, key, {
        printName: params.print_name || undefined,
        phone: params.phone || undefined,
      })
      return {}
    },
  },

  "printer/deleteprinter": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      context.state.devices.unbind(boundPrinter(context))
      return {}
    },
  },

  "printer/setvoice": {
    auth: "token",
    required: ["machine_code", "content"],
    handle(context) {
      const device = boundPrinter(context)
      const isFile = context.params.is_file === "true"
      if (!isFile && !isJsonArray(context.params.content)) {
        throw new CloudError(CLOUD_CODES.PARAMETER_ERROR, "content须为JSON数组或is_file=true时的mp3地址")
      }
      let aid = optionalInt(context, "aid", 0, VOICE_SLOTS - 1)
      if (aid === undefined) {
        aid = [...Array(VOICE_SLOTS).keys()].find((slot) => !device.voices.has(slot))
        if (aid === undefined) throw new CloudError(CLOUD_CODES.PARAMETER_ERROR, "语音槽位已满")
      }
      device.voices.set(aid, context.params.content)
      return { body: { aid } }
    },
  },

  "printer/deletevoice": {
    auth: "token",
    required: ["machine_code", "aid"],
    handle(context) {
      const device = boundPrinter(context)
      const aid = optionalInt(context, "aid", 0, VOICE_SLOTS - 1) as number
      device.voices.delete(aid)
      return { body: { aid, is_delete: true } }
    },
  },

  "printmenu/addprintmenu": {
    auth: "token",
    required: ["machine_code", "content"],
    handle(context) {
      const device = boundPrinter(context)
      const [name, url] = parseMenuContent(context.params.content, context.state.behavior.value.checkMenuEncoding)
      if (device.menus.some(([existing]) => existing === name)) throw new CloudError(CLOUD_CODES.DUPLICATE_MENU_NAME)
      if (device.menus.length >= MAX_MENUS) throw new CloudError(CLOUD_CODES.TOO_MANY_MENUS)
      device.menus.push([name, url])
      return {}
    },
  },

  "printer/shutdownrestart": {
    auth: "token",
    required: ["machine_code", "response_type"],
    handle(context) {
      const device = boundPrinter(context)
      const action = oneOf(context, "response_type", ["restart", "shutdown"] as const)
      // A restart comes straight back in the simulator; a shutdown leaves the printer offline.
      if (action === "shutdown") context.state.setPrinterState(device, "offline")
      return {}
    },
  },

  "printer/setsound": {
    auth: "token",
    required: ["machine_code", "response_type", "voice"],
    handle(context) {
      const device = boundPrinter(context)
      const responseType = oneOf(context, "response_type", ["buzzer", "horn"] as const)
      device.sound = { responseType, voice: optionalInt(context, "voice", 0, 3) as number }
      return {}
    },
  },

  "printer/printinfo": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      const device = boundPrinter(context)
      // Body shape is a documented GAP; the simulator answers { version, print_width: "58mm" | "80mm" }.
      return { body: { version: device.firmware, print_width: `${device.paperWidth}mm` } }
    },
  },

  "printer/getversion": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      const device = boundPrinter(context)
      return { body: { hardware: device.firmware, software: softwareName(device.model) } }
    },
  },

  "printer/seticon": {
    auth: "token",
    required: ["machine_code", "img_url"],
    handle(context) {
      const device = boundPrinter(context)
      if (!isHttpUrl(context.params.img_url)) throw new CloudError(CLOUD_CODES.SET_ICON_FAILED, "img_url须为http(s)地址")
      device.icon = context.params.img_url
      return {}
    },
  },

  "printer/deleteicon": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      const device = boundPrinter(context)
      if (!device.icon) throw new CloudError(CLOUD_CODES.DELETE_ICON_FAILED, "未设置logo")
      device.icon = undefined
      return {}
    },
  },

  "printer/btnprint": {
    auth: "token",
    required: ["machine_code", "response_type"],
    handle(context) {
      const device = boundPrinter(context)
      device.btnPrintMode = oneOf(context, "response_type", ["btnopen", "btnclose"] as const) === "btnopen"
      return {}
    },
  },

  "printer/getorder": {
    auth: "token",
    required: ["machine_code", "response_type"],
    handle(context) {
      const device = boundPrinter(context)
      const mode = oneOf(context, "response_type", ["open", "close"] as const)
      if (/^K5/i.test(device.model)) throw new CloudError(CLOUD_CODES.SETTING_UNSUPPORTED, "K5不支持接单拒单")
      requireOnline(device)
      device.getOrderMode = mode === "open"
      return {}
    },
  },

  "printer/getprintstatus": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      const device = boundPrinter(context)
      return { body: { machine_code: device.machineCode, state: stateNumber(device.state) } }
    },
  },

  "printer/pushswitch": {
    auth: "token",
    required: ["machine_code", "status"],
    handle(context) {
      const device = boundPrinter(context)
      device.settings.push_switch = oneOf(context, "status", ["open", "close"] as const)
      device.settings.push_mode = String(optionalInt(context, "mode", 1, 3) ?? 1)
      return {}
    },
  },

  "printer/setkeywords": {
    auth: "token",
    required: ["machine_code", "keys", "type", "content"],
    handle(context) {
      const device = boundPrinter(context)
      device.settings[`keywords:${context.params.type}:${context.params.keys}`] = context.params.content
      return {}
    },
  },

  "printer/setting": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      const device = boundPrinter(context)
      requireOnline(device)
      for (const name of ["usb_print_mode", "usb_input_mode", "camera_decode_tx_mode"]) {
        const value = optionalInt(context, name, 0, 1)
        if (value !== undefined) device.settings[name] = String(value)
      }
      // usb_print_mode=1 forces camera_decode_tx_mode=0 (reference §3).
      if (device.settings.usb_print_mode === "1") device.settings.camera_decode_tx_mode = "0"
      return {}
    },
  },
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isJsonArray(text: string): boolean {
  return Array.isArray(parseJson(text))
}
