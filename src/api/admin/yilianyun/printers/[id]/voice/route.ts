import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answeringCloudErrors } from "../../../../../utils/cloud-errors"
import { assertConfigured, loadPrinter, ylyOf } from "../../../helpers"
import type { PostVoiceType } from "../../../validators"

/**
 * POST /admin/yilianyun/printers/:id/voice — stores a voice on the device ("A" models), in slot
 * `aid` 0–9: `{ text, volume?: 1–9, voice_type?: 0|1|3|4, aid? }` or `{ file_url, aid? }` (an MP3).
 * Receipts play it with the printer's sound setting { kind: "voice", aid }.
 */
export async function POST(req: AuthenticatedMedusaRequest<PostVoiceType>, res: MedusaResponse) {
  const yly = ylyOf(req.scope)
  assertConfigured(yly)
  const printer = await loadPrinter(yly, req.params.id)
  const b = req.validatedBody
  const result = await answeringCloudErrors(res, () =>
    yly.withApi((api) =>
      api.voice.set(
        b.file_url
          ? { machineCode: printer.machine_code, content: b.file_url, isFile: true, aid: b.aid }
          : { machineCode: printer.machine_code, content: [b.text!, b.volume ?? 5, b.voice_type ?? 0], isFile: false, aid: b.aid }
      )
    )
  )
  const aid = result?.aid ?? b.aid
  if (result) res.json({ printer_id: printer.id, aid: aid === undefined || aid === null ? null : Number(aid) })
}
