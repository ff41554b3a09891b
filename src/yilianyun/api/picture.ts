import type { BoundCall, PicturePrintParams, PrintResult } from "../types"
import { requireHttpUrl, requireMachineCode, requireOriginId } from "../validate"
import { idempotenceFlag, toPrintResult } from "./print-result"

const PATH = "pictureprint/index"

/** Picture printing from a public JPG/PNG URL (not on K4-WH, K4-WA, M1). */
export class PictureApi {
  constructor(private readonly call: BoundCall) {}

  async print(params: PicturePrintParams): Promise<PrintResult> {
    const originId = requireOriginId(PATH, params.originId)
    const body = await this.call(PATH, {
      machine_code: requireMachineCode(PATH, params.machineCode),
      picture_url: requireHttpUrl(PATH, "Picture URL", params.pictureUrl),
      origin_id: originId,
      idempotence: idempotenceFlag(params.idempotence),
    })
    return toPrintResult(PATH, body, originId)
  }
}
