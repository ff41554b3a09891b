import { asId, isPlainObject } from "../json"
import type { BoundCall, ExpressCancelParams, ExpressPrintParams, ExpressPrintResult } from "../types"
import { jsonContent, requireMachineCode, requireOriginId } from "../validate"

const PRINT_PATH = "expressprint/index"
const CANCEL_PATH = "expressprint/cancel"

/** Waybill printing (K5 series) with KDNiao EOrder JSON content. */
export class ExpressApi {
  constructor(private readonly call: BoundCall) {}

  /** The success body is undocumented, so ids are best-effort and `raw` is kept. */
  async print(params: ExpressPrintParams): Promise<ExpressPrintResult> {
    const body = await this.call(PRINT_PATH, {
      machine_code: requireMachineCode(PRINT_PATH, params.machineCode),
      origin_id: requireOriginId(PRINT_PATH, params.originId),
      content: jsonContent(PRINT_PATH, "Waybill content", params.content),
      sandbox: params.sandbox ? 1 : undefined,
    })
    return {
      id: isPlainObject(body) ? asId(body.id) : undefined,
      originId: isPlainObject(body) ? asId(body.origin_id) : undefined,
      raw: body,
    }
  }

  async cancel(params: ExpressCancelParams): Promise<void> {
    await this.call(CANCEL_PATH, {
      machine_code: requireMachineCode(CANCEL_PATH, params.machineCode),
      content: jsonContent(CANCEL_PATH, "Waybill cancel content", params.content),
    })
  }
}
