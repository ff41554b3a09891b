import type { ModelProfile } from "./profiles"
import { safeLine } from "./safe-text"
import type { ConfirmOptions, ReceiptSound } from "./types"
import { truncateColumns } from "./wrap"

export interface ControlRequest {
  copies?: number
  confirm?: boolean | ConfirmOptions
  sound?: ReceiptSound | null
}

const clampInt = (v: unknown, lo: number, hi: number, fallback: number) => {
  const n = Math.round(Number(v))
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback
}

/**
 * The control tags a print starts with (reference §5.3), only those the model supports; the rest
 * become warnings that say what the merchant can do instead. Copies go on every part of a split
 * receipt (each part is its own print); the sound and the confirmation only on the first, so a
 * long receipt rings once and asks for one decision.
 */
export function controlTags(profile: ModelProfile, request: ControlRequest, firstPart: boolean): { markup: string; warnings: string[] } {
  const out: string[] = []
  const warnings: string[] = []
  const copies = request.copies === undefined ? 1 : clampInt(request.copies, 1, 9, 1)
  if (copies > 1) out.push(`<MN>${copies}</MN>`)
  if (profile.printWidthMm !== undefined && profile.supports.PW) {
    out.push(`<PW>${String(profile.printWidthMm).padStart(3, "0")}</PW>`)
  }
  if (request.confirm && firstPart) {
    if (profile.supports.MC) {
      const c: ConfirmOptions = typeof request.confirm === "object" ? request.confirm : {}
      const variant = clampInt(c.variant ?? 1, 1, 4, 1)
      const seconds = String(clampInt(c.timeoutSeconds ?? 0, 0, 99999, 0)).padStart(5, "0")
      const onTimeout = c.onTimeout === "reject" ? 0 : c.onTimeout === "accept" ? 1 : 2
      out.push(`<MC>${variant},${seconds},${onTimeout}</MC>`)
    } else {
      warnings.push(
        profile.acceptReject
          ? `${profile.model} has no confirmation tag (<MC>): accept/reject still works through the printer's accept mode.`
          : `${profile.model} cannot accept or reject orders: switch the printer to automatic mode.`,
      )
    }
  }
  const sound = request.sound
  if (sound && firstPart) {
    if (sound.kind === "tts") {
      // Spoken text: ≤ 100 bytes, no commas (they separate the tag's fields).
      const text = truncateColumns(safeLine(sound.text, { commas: true }), 100, "")
      const voice = [0, 1, 3, 4].includes(Number(sound.voice)) ? Number(sound.voice) : 0
      if (text && profile.supports.audio) out.push(`<audio>${text},${clampInt(sound.volume ?? 5, 1, 9, 5)},${voice}</audio>`)
      else if (text && profile.supports.TTS) out.push(`<TTS>${text}</TTS>`)
      else if (text) warnings.push(`${profile.model} cannot speak text: only "A" (e.g. K4-WAD) or "S" (e.g. K4-WUS) models can.`)
    } else if (sound.kind === "voice") {
      if (profile.supports.VN) out.push(`<VN>${clampInt(sound.aid, 0, 9, 0)}</VN>`)
      else {
        warnings.push(
          `${profile.model}${profile.firmware ? ` (firmware ${profile.firmware})` : ""} cannot play a stored voice (<VN>): ` +
            "that needs a K8, a Q1 or a K4 on firmware a8.5.0 or later — read the firmware with printer/getversion.",
        )
      }
    } else if (profile.supports.MS) {
      out.push(`<MS>${sound.kind === "horn" ? 1 : 0},${clampInt(sound.volume, 0, 3, 2)}</MS>`)
    } else {
      warnings.push(`${profile.model} does not take a new-order sound tag (<MS>); set its volume on the device instead.`)
    }
  }
  return { markup: out.join(""), warnings }
}

const LEADING_CONTROLS = /^(?:<(MN|MA|MS|MC|PW|ML|MP|MK|RS|VN|VD|VA|VI|audio|TTS|JSON)>[^<]*<\/\1>)+/

/** Splits a template's own leading control tags from its body (they must stay at the very start). */
export function takeLeadingControls(markup: string): { controls: string; body: string } {
  const m = LEADING_CONTROLS.exec(markup)
  return m ? { controls: m[0], body: markup.slice(m[0].length) } : { controls: "", body: markup }
}

/**
 * Marks a print that goes out late (it could not be sent for a while: the cloud was down, no
 * token): a bold line right after the leading control tags, which must stay first. `text` is
 * made safe and cut to the paper's width.
 */
export function markLate(markup: string, text: string, columns: number): string {
  const { controls, body } = takeLeadingControls(markup)
  return `${controls}<FB>${truncateColumns(safeLine(text), columns, "")}</FB>\n${body}`
}
