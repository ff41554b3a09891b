/**
 * What each Yilianyun model can print (reference §5.3, §5.4). Sources are the old-firmware markup
 * pages and the v2 support matrix; new-firmware pages were not readable (GAP), so a feature is only
 * claimed where a page says so. An unknown model gets a conservative K4 58 mm profile: the tags
 * every documented model prints, no sound, no confirmation, no accept/reject promise.
 */

export type ModelFamily = "K2S" | "K3S" | "K4" | "K5" | "B1" | "K6" | "K7" | "K8" | "M1" | "W1" | "X1"

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
  K4: ["BR2", "BR3", "MS", "MC", "VN"],
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
}

function familyOf(model: string): ModelFamily | undefined {
  const match = /^(K2S|K3S|K4|K5|K6|K7|K8|B1|M1|W1|X1)(?![0-9])/.exec(model)
  return match ? (match[1] as ModelFamily) : undefined
}

/**
 * The profile for a model string as `printer/getversion` reports it ("K4-WAD", "k6", "X1"…).
 * Voice: "A" models (suffix containing A, e.g. K4-WAD, K6-WEAD) speak `<audio>`; K4 "S" models
 * (K4-WUS, K4-GUS) speak `<TTS>` (reference §3.4, §5.3).
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
    if (/A/.test(suffix) && ["K4", "K6", "K7"].includes(effective)) features.add("audio")
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
  return {
    model: name || "UNKNOWN",
    family: effective,
    known,
    paperWidth,
    columns,
    printWidthMm,
    supports,
    acceptReject: known && effective !== "K5" && effective !== "B1",
  }
}
