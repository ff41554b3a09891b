import type { AddMenuParams, BoundCall } from "../types"
import { invalid, requireHttpUrl, requireMachineCode, requireText } from "../validate"

const PATH = "printmenu/addprintmenu"
// Legacy limit; the v1 "too many menus" error (39) gives no number.
const MAX_MENUS = 9

/**
 * Longest app-menu name: 18 bytes (legacy page). Counted in UTF-8 — the encoding of the form on
 * the wire; the document names none. It is the stricter reading (6 CJK characters rather than
 * GBK's 9), so a name that passes here fits under either.
 */
export const MAX_MENU_NAME_BYTES = 18

/** A menu name's size as the limit counts it (UTF-8 bytes). */
export function menuNameBytes(name: string): number {
  return new TextEncoder().encode(name).length
}

/**
 * The `content` of one addprintmenu call: a JSON array whose name and URL are URL-encoded inside
 * the JSON, as the document asks ("其中url和菜单名称需要urlencode"). The form encoding of the
 * whole field comes on top, as for every parameter.
 */
export function menuContent(name: string, url: string): string {
  return JSON.stringify([encodeURIComponent(name), encodeURIComponent(url)])
}

/** App menus on the printer (K4 except K4-WA/WH, and W1); choosing one pushes to its URL. */
export class MenuApi {
  constructor(private readonly call: BoundCall) {}

  /**
   * Adds each menu with its own call, in order: the documented `content` is one JSON pair
   * `["name","url"]` (both URL-encoded). Stops at the first failure (earlier menus stay added).
   */
  async add(params: AddMenuParams): Promise<void> {
    const machineCode = requireMachineCode(PATH, params.machineCode)
    if (!Array.isArray(params.menus) || params.menus.length === 0 || params.menus.length > MAX_MENUS) {
      throw invalid(PATH, `Give between 1 and ${MAX_MENUS} printer menus as [name, url] pairs.`)
    }
    const menus = params.menus.map((menu) => {
      if (!Array.isArray(menu) || menu.length !== 2) throw invalid(PATH, "Each printer menu must be a [name, url] pair.")
      const name = requireText(PATH, "Menu name", menu[0]).trim()
      if (menuNameBytes(name) > MAX_MENU_NAME_BYTES) {
        throw invalid(
          PATH,
          `The printer menu name ${JSON.stringify(name)} is ${menuNameBytes(name)} bytes; the printer allows ${MAX_MENU_NAME_BYTES} (6 Chinese characters or 18 letters).`,
        )
      }
      return menuContent(name, requireHttpUrl(PATH, "Menu URL", menu[1]))
    })
    for (const content of menus) await this.call(PATH, { machine_code: machineCode, content })
  }
}
