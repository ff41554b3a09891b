import type { BoundCall, PrintResult, TextPrintParams } from "../types"
import { requireMachineCode, requireOriginId, requireText } from "../validate"
import { idempotenceFlag, toPrintResult } from "./print-result"

const PATH = "print/index"

/** Text (markup) printing. Success means "queued on the cloud", not "printed". */
export class PrintApi {
  constructor(private readonly call: BoundCall) {}

  async text(params: TextPrintParams): Promise<PrintResult> {
    const originId = requireOriginId(PATH, params.originId)
    const body = await this.call(PATH, {
      machine_code: requireMachineCode(PATH, params.machineCode),
      content: requireText(PATH, "Print content", params.content),
      origin_id: originId,
      idempotence: idempotenceFlag(params.idempotence),
    })
    return toPrintResult(PATH, body, originId)
  }
}
