import { asId, isPlainObject } from "../json"
import type { BoundCall, DeleteVoiceResult, SetVoiceParams, SetVoiceResult, VoiceType } from "../types"
import { invalid, requireBoolean, requireHttpUrl, requireIntInRange, requireMachineCode, requireOneOf, requireText } from "../validate"

const SET_PATH = "printer/setvoice"
const DELETE_PATH = "printer/deletevoice"
const VOICE_TYPES: readonly VoiceType[] = [0, 1, 3, 4]

/** Built-in voice slots 0–9 ("A" models only), played with <VN>aid</VN> at the start of a print. */
export class VoiceApi {
  constructor(private readonly call: BoundCall) {}

  async set(params: SetVoiceParams): Promise<SetVoiceResult> {
    const isFile = requireBoolean(SET_PATH, "isFile", params.isFile)
    const body = await this.call(SET_PATH, {
      machine_code: requireMachineCode(SET_PATH, params.machineCode),
      content: voiceContent(params.content, isFile),
      is_file: isFile ? "true" : "false",
      aid: params.aid === undefined ? undefined : requireIntInRange(SET_PATH, "Voice slot (aid)", params.aid, 0, 9),
    })
    return { aid: isPlainObject(body) ? asId(body.aid) : undefined }
  }

  async delete(machineCode: string, aid: number): Promise<DeleteVoiceResult> {
    const body = await this.call(DELETE_PATH, {
      machine_code: requireMachineCode(DELETE_PATH, machineCode),
      aid: requireIntInRange(DELETE_PATH, "Voice slot (aid)", aid, 0, 9),
    })
    const deleted = isPlainObject(body) ? body.is_delete : undefined
    return {
      aid: isPlainObject(body) ? asId(body.aid) : undefined,
      // An empty success body still means the slot was deleted.
      isDelete: deleted === undefined ? true : deleted === true || deleted === "true" || deleted === 1 || deleted === "1",
    }
  }
}

function voiceContent(content: SetVoiceParams["content"], isFile: boolean): string {
  if (isFile) {
    if (typeof content !== "string") throw invalid(SET_PATH, "With isFile, the voice content must be the URL of an MP3 file.")
    return requireHttpUrl(SET_PATH, "Voice file URL", content)
  }
  if (!Array.isArray(content) || content.length !== 3) {
    throw invalid(SET_PATH, "The voice content must be [text, volume 1–9, voice type 0/1/3/4] (or an MP3 URL with isFile).")
  }
  const [text, volume, voiceType] = content
  return JSON.stringify([
    requireText(SET_PATH, "Voice text", text),
    requireIntInRange(SET_PATH, "Voice volume", volume, 1, 9),
    requireOneOf(SET_PATH, "Voice type", voiceType, VOICE_TYPES),
  ])
}
