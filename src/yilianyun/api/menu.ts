import type { AddMenuParams, BoundCall } from "../types"
import { invalid, requireHttpUrl, requireMachineCode, requireText } from "../validate"

const PATH = "printmenu/addprintmenu"
// Legacy limit; the v1 "too many menus" error (39) gives no number.
const MAX_MENUS = 9

/** App menus on the printer (K4 except K4-WA/WH, and W1); choosing one pushes to its URL. */
export class MenuApi {
  constructor(private readonly call: BoundCall) {}

  /**
   * Adds each menu with its own call, in order: the documented `content` is one JSON pair
   * `["name","url"]`. Stops at the first failure (earlier menus stay added).
   */
  async add(params: AddMenuParams): Promise<void> {
    const machineCode = requireMachineCode(PATH, params.machineCode)
    if (!Array.isArray(params.menus) || params.menus.length === 0 || params.menus.length > MAX_MENUS) {
      throw invalid(PATH, `Give between 1 and ${MAX_MENUS} printer menus as [name, url] pairs.`)
    }
    const menus = params.menus.map((menu) => {
      if (!Array.isArray(menu) || menu.length !== 2) throw invalid(PATH, "Each printer menu must be a [name, url] pair.")
      return [requireText(PATH, "Menu name", menu[0]), requireHttpUrl(PATH, "Menu URL", menu[1])]
    })
    for (const menu of menus) await this.call(PATH, { machine_code: machineCode, content: JSON.stringify(menu) })
  }
}
