/**
 * What each Yilianyun model can print (reference §5.3, §5.4). Sources are the old-firmware markup
 * pages and the v2 support matrix; new-firmware pages were not readable (GAP), so a feature is only
 * claimed where a page says so. An unknown model gets a conservative K4 58 mm profile: the tags
 * every documented model prints, no sound, no confirmation, no accept/reject promise.
 */

export type ModelFamily = "K2S" | "K3S" | "K4" | "K5" | "B1" | "K6" | "K7" | "K8" | "M1" | "W1" | "X1" | "Q1"

/** Formatting, block, code and control tags a profile may support. */
export type MarkupFeature =
  | "FB" | "FH" | "FH2" | "FW" | "FW2" | "FS" | "FS2"
  | "center" | "right" | "LR" | "table"
  | "QR" | "BR" | "BR2" | "BR3"
  | "MN" | "MA" | "MS" | "MC" | "PW" | "ML" | "MP" | "MK" | "RS" | "VN" | "audio" | "TTS"

export interface ModelProfile {
  /** the model as given, upper-cased, e.g. "K4-WAD" (or "UNKNOWN") */
  readonly model: string
  readonly family: ModelFamily
  /** false when the model string was not recognised and the conservative fallback applies */
  readonly known: boolean
  /** the firmware version it was built for (printer/getversion `hardware`), when known */
  readonly firmware?: string
  readonly paperWidth: 58 | 80
  /** GBK columns per line: 32 on 58 mm, 48 on 80 mm, more on a K5 in wide mode */
  readonly columns: number
  /** K5 only: print width in mm sent as <PW>, when the wide mode is used */
  readonly printWidthMm?: number
  readonly supports: Readonly<Record<MarkupFeature, boolean>>
  /** printer/getorder (accept/reject mode) works — every model except K5/B1 (reference §3.6) */
  readonly acceptReject: boolean
}

const BASE: MarkupFeature[] = [
  "FB", "FH", "FH2", "FW", "FW2", "FS", "FS2", "center", "right", "LR", "table", "QR", "BR", "MN",
]

// Family-specific additions to BASE (reference §5.2–§5.4), in the order the admin lists the models
// (the most common first).
const EXTRA: Record<ModelFamily, MarkupFeature[]> = {
  // <VN> on a K4 only from firmware a8.5.0 (decided in getProfile)
  K4: ["BR2", "BR3", "MS", "MC"],
  K5: ["BR2", "BR3", "PW"],
  K6: ["BR2", "BR3", "MC"],
  K7: ["BR2", "BR3", "MC"],
  K8: ["MC", "VN"],
  M1: ["MA", "MC"],
  W1: ["MC"],
  X1: ["BR2", "BR3", "MS", "ML", "MP", "MK", "RS"],
  B1: ["BR2", "BR3", "PW"],
  K2S: ["MA"],
  K3S: ["MA"],
  // a voice box: takes the text-print tags but prints no receipt (reference §5.4)
  Q1: ["VN"],
}

const ALL_FEATURES: MarkupFeature[] = [
  ...BASE, "BR2", "BR3", "MA", "MS", "MC", "PW", "ML", "MP", "MK", "RS", "VN", "audio", "TTS",
]

/** every model family the plugin knows, most common first: the admin's model picker lists these */
export const MODEL_FAMILIES: readonly ModelFamily[] = Object.keys(EXTRA) as ModelFamily[]

/** Columns for a printable width: 8 dots per mm, 12 dots per column (72 mm → 48, 48 mm → 32). */
export function columnsForPrintWidth(mm: number): number {
  return Math.floor((mm * 8) / 12)
}

export function columnsForPaper(paperWidth: 58 | 80): number {
  return paperWidth === 80 ? 48 : 32
}

export interface ProfileOptions {
  paperWidth?: 58 | 80
  /** explicit column count (e.g. from printer/printinfo) — overrides the paper width */
  columns?: number
  /** K5/B1 wide mode: print width in mm (≤ 108), sent as <PW>; sets the columns */
  printWidthMm?: number
  /**
   * Firmware version as `printer/getversion` reports it (`hardware`, e.g. "a7", "a8.5.0"). It
   * decides the K4 voice tags: <VN> from a8.5.0, and no <audio> from then on. Unknown → no <VN>.
   */
  firmware?: string | null
}

function familyOf(model: string): ModelFamily | undefined {
  const match = /^(K2S|K3S|K4|K5|K6|K7|K8|B1|M1|W1|X1|Q1)(?![0-9])/.exec(model)
  return match ? (match[1] as ModelFamily) : undefined
}

/** K4 firmware from which `<VN>` (stored voices) plays — and `<audio>` is gone (reference §5.3). */
export const K4_VOICE_FIRMWARE = "a8.5.0"

/** "a8.5.0" → { prefix: "a", parts: [8, 5, 0] }; undefined when it is not a dotted version. */
export function parseFirmware(version: string | null | undefined): { prefix: string; parts: number[] } | undefined {
  const match = /^\s*([A-Za-z]*)\s*(\d+(?:\.\d+)*)\s*$/.exec(version ?? "")
  if (!match) return undefined
  return { prefix: match[1].toLowerCase(), parts: match[2].split(".").map(Number) }
}

/**
 * Whether `version` is at least `minimum` ("a8.5.0" ≥ "a8.5", "a10" > "a8.6.1"); undefined when
 * either is unreadable or their letter prefixes differ (then nothing is claimed).
 */
export function firmwareAtLeast(version: string | null | undefined, minimum: string): boolean | undefined {
  const have = parseFirmware(version)
  const need = parseFirmware(minimum)
  if (!have || !need || have.prefix !== need.prefix) return undefined
  for (let i = 0; i < Math.max(have.parts.length, need.parts.length); i++) {
    const a = have.parts[i] ?? 0
    const b = need.parts[i] ?? 0
    if (a !== b) return a > b
  }
  return true
}

/** Voice tags a printer without them prints as text: the document limits them by model and firmware. */
export const VOICE_TAGS = ["VN", "VD", "VA", "VI", "audio"] as const

/**
 * The voice control tags this profile's printer would print literally (reference §5.3, §5.1:
 * unknown tags print as text): <VN>/<VD>/<VA>/<VI> without VN support, <audio> without audio.
 */
export function literalVoiceTags(profile: ModelProfile): string[] {
  return VOICE_TAGS.filter((tag) => (tag === "audio" ? !profile.supports.audio : !profile.supports.VN))
}

/**
 * The profile for a model string as `printer/getversion` reports it ("K4-WAD", "k6", "X1"…).
 * Voice (reference §3.4, §5.3): "A" models of K4/K6/K7 (suffix containing A, e.g. K4-WAD,
 * K6-WEAD) speak `<audio>`, except a K4 on firmware a8.5.0 or later ("new firmware": no <audio>);
 * `<VN>` plays on K8 and Q1, and on a K4 only when its firmware is known to be a8.5.0 or later;
 * K4 "S" models (K4-WUS, K4-GUS) speak `<TTS>`.
 */
export function getProfile(model?: string | null, options: ProfileOptions = {}): ModelProfile {
  const name = (model ?? "").trim().toUpperCase()
  const family = familyOf(name)
  const known = family !== undefined
  const effective: ModelFamily = family ?? "K4"
  const features = new Set<MarkupFeature>(BASE)
  if (known) {
    for (const f of EXTRA[effective]) features.add(f)
    const suffix = name.includes("-") ? name.slice(name.indexOf("-") + 1) : ""
    const k4NewFirmware = effective === "K4" && firmwareAtLeast(options.firmware, K4_VOICE_FIRMWARE) === true
    if (k4NewFirmware) features.add("VN")
    if (/A/.test(suffix) && ["K4", "K6", "K7"].includes(effective) && !k4NewFirmware) features.add("audio")
    if (effective === "K4" && /S$/.test(suffix)) features.add("TTS")
  }
  const defaultPaper: 58 | 80 = effective === "K5" || effective === "B1" ? 80 : 58
  const paperWidth: 58 | 80 = options.paperWidth ?? (known ? defaultPaper : 58)
  let columns = columnsForPaper(paperWidth)
  let printWidthMm: number | undefined
  if (options.printWidthMm !== undefined && features.has("PW")) {
    printWidthMm = Math.max(40, Math.min(108, Math.round(options.printWidthMm)))
    columns = columnsForPrintWidth(printWidthMm)
  }
  if (options.columns !== undefined && Number.isFinite(options.columns)) {
    columns = Math.max(16, Math.min(108, Math.floor(options.columns)))
  }
  const supports = Object.fromEntries(ALL_FEATURES.map((f) => [f, features.has(f)])) as Record<
    MarkupFeature,
    boolean
  >
  const firmware = typeof options.firmware === "string" && options.firmware.trim() ? options.firmware.trim() : undefined
  return {
    model: name || "UNKNOWN",
    family: effective,
    known,
    ...(firmware ? { firmware } : {}),
    paperWidth,
    columns,
    printWidthMm,
    supports,
    acceptReject: known && effective !== "K5" && effective !== "B1" && effective !== "Q1",
  }
}
