import { previewLines } from "../receipt/preview"
import type { Device } from "./printers"
import type { PrintKind, SimulatorLogger } from "./types"

// What lands on the virtual paper. The text layout itself belongs to the receipt layer
// (previewLines); this file only decides copies and what non-text prints look like.

const CONTROL_TAG_PREFIX = /^(?:\s*<(MN|MA|MS|MC|PW|ML|MP|MK|RS|VN|VD|VA|VI|TTS|JSON)>[\s\S]*?<\/\1>)+/

/** Leading control tags (they must sit at the very start of the content, reference §5.3). */
function leadingControlTags(content: string): string {
  return CONTROL_TAG_PREFIX.exec(content)?.[0] ?? ""
}

/** `<MN>n</MN>` asks for n copies, 1–9; anything else prints once. */
export function copiesOf(content: string): number {
  const match = /<MN>\s*(\d+)\s*<\/MN>/.exec(leadingControlTags(content))
  const copies = match ? Number(match[1]) : 1
  return copies >= 1 && copies <= 9 ? copies : 1
}

/** `<MC>confirm,…</MC>` with confirm 1–4 makes the printer wait for a left/right key (reference §5.3). */
export function asksForConfirmation(content: string): boolean {
  const match = /<MC>\s*([0-4])\s*,/.exec(leadingControlTags(content))
  return match !== null && match[1] !== "0"
}

/**
 * The slip's lines. With `literalUnsupported` (behavior.literalUnsupportedTags) a voice tag the
 * device's model or firmware lacks prints as text, as an unknown tag does (reference §5.1, §5.3).
 */
export function layoutForPaper(
  kind: PrintKind,
  content: string,
  device: Device,
  logger: SimulatorLogger,
  literalUnsupported = true
): string[] {
  if (kind === "picture") return [`[picture] ${content}`]
  if (kind === "express") return waybillLines(content)
  try {
    return previewLines(content, {
      model: device.model,
      paperWidth: device.paperWidth,
      firmware: device.firmware,
      literalUnsupported,
    })
  } catch (error) {
    // A layout bug must not stop the simulator from "printing"; the slip says what happened.
    logger.warn(`receipt preview failed for printer ${device.machineCode}: ${(error as Error).message}`)
    return [`[preview failed: ${(error as Error).message}]`]
  }
}

function waybillLines(content: string): string[] {
  try {
    const order = JSON.parse(content) as Record<string, unknown>
    const receiver = (order.Receiver ?? {}) as Record<string, unknown>
    return [
      "[waybill]",
      `${String(order.ShipperCode ?? "?")} ${String(order.OrderCode ?? "")}`.trim(),
      `to: ${String(receiver.Name ?? "")} ${String(receiver.Address ?? "")}`.trim(),
    ]
  } catch {
    return ["[waybill]", content]
  }
}
