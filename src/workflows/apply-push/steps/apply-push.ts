import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import { YILIANYUN_MODULE } from "../../../modules/yilianyun"
import type YilianyunModuleService from "../../../modules/yilianyun/service"
import { YilianyunEvents } from "../../events"
import { refreshOrderPrintMetadata } from "../../utils/refresh-order-metadata"

export type Applied = { outcome: string; events: { name: string; data: Record<string, unknown> }[] }

const PRINTER_STATES: Record<string, "offline" | "online" | "paper_out"> = { "0": "offline", "1": "online", "2": "paper_out" }

/**
 * Applies one recorded push (design §3): finish → the part printed; getOrder → the decision of the
 * job that asked for it (and, with rejectAction "cancel", Medusa's own order cancel); printStatus
 * → the printer's status; key presses and menus are only recorded. A push is matched to its print
 * by machine code and print id or origin_id; another printer's push is recorded and not applied.
 */
export const applyPushStep = createStep(
  "yly-apply-push",
  async (input: { push_event_id: string }, { container }) => new StepResponse(await applyPush(container, input.push_event_id))
)

/** The step's logic as a plain function: the hook applies pushes with it off the request path. */
export async function applyPush(container: MedusaContainer, pushEventId: string): Promise<Applied> {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  if (!(await yly.claimPushEvent(pushEventId))) return { outcome: "already-applied", events: [] }
  try {
    return await applyClaimed(container, yly, pushEventId)
  } catch (e) {
    await yly.releasePushEvent(pushEventId)
    throw e
  }
}

async function applyClaimed(container: MedusaContainer, yly: YilianyunModuleService, pushEventId: string): Promise<Applied> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const event = (await yly.getPushPayload(pushEventId))!
  const fields = event.payload
  let applied: Applied
  switch (event.cmd) {
    case "oauth_finish":
      applied = await applyFinish(container, yly, fields)
      break
    case "oauth_getOrder":
      applied = await applyDecision(container, yly, fields, event.push_time)
      break
    case "oauth_printStatus":
      applied = await applyStatus(yly, fields, event.push_time)
      break
    case "oauth_request":
      applied = {
        outcome: "recorded",
        events: [{ name: YilianyunEvents.BUTTON_PRESSED, data: { machine_code: fields.machine_code, state: fields.state } }],
      }
      break
    default:
      applied = { outcome: "recorded", events: [] }
  }
  if (applied.outcome === "misrouted") {
    logger.warn(
      `yilianyun: a ${event.cmd} push from printer ${fields.machine_code} names a print of another printer; recorded, not applied.`
    )
  }
  await yly.setPushOutcome(pushEventId, applied.outcome)
  if (applied.events.length) {
    await container.resolve(Modules.EVENT_BUS).emit(applied.events)
  }
  return applied
}

/** The print a finish or decision push names, or why it cannot be applied. */
async function matchPrint(yly: YilianyunModuleService, f: Record<string, string>) {
  const part = await yly.findPartForPush({ print_id: f.order_id, origin_id: f.origin_id })
  if (!part) return { part: null, outcome: "unknown-print-id" }
  if (f.machine_code && part.machine_code !== f.machine_code) return { part: null, outcome: "misrouted" }
  return { part, outcome: null }
}

async function applyFinish(container: MedusaContainer, yly: YilianyunModuleService, f: Record<string, string>): Promise<Applied> {
  const { part, outcome } = await matchPrint(yly, f)
  if (!part) return { outcome: outcome!, events: [] }
  if (String(f.state ?? "1") !== "1") return { outcome: `not-printed-state-${f.state}`, events: [] }
  const printedAt = Number(f.print_time) > 0 ? new Date(Number(f.print_time) * 1000) : new Date()
  const settled = await yly.ledger.settlePrinted(part.id, printedAt)
  await yly.noteSignOfLife(part.machine_code)
  if (!settled) return { outcome: "already-printed", events: [] }
  await refreshOrderPrintMetadata(container, part.order_id)
  return {
    outcome: "printed",
    events: [
      {
        name: YilianyunEvents.PRINT_FINISHED,
        data: {
          order_id: part.order_id,
          job_id: part.job_id,
          print_id: f.order_id || null,
          machine_code: part.machine_code,
          template: part.template,
        },
      },
    ],
  }
}

async function applyDecision(
  container: MedusaContainer,
  yly: YilianyunModuleService,
  f: Record<string, string>,
  pushTime: number
): Promise<Applied> {
  const { part, outcome } = await matchPrint(yly, f)
  if (!part) return { outcome: outcome!, events: [] }
  // only the print that carried the confirmation tag decides (not a reprint, slip or notice)
  if (!part.asks_decision || part.part_number !== 1) return { outcome: "decision-not-asked", events: [] }
  const options = yly.getOptions()
  const accepted = Number(f.state) === options.acceptState
  const decision = accepted ? "accepted" : "rejected"
  const decidedAt = new Date()
  if (!(await yly.ledger.recordDecision(part.job_id, decision, decidedAt))) {
    return { outcome: "decision-repeated", events: [] }
  }
  if (!accepted && options.rejectAction === "cancel") {
    const note = await cancelRejectedOrder(container, yly, part.order_id, pushTime)
    await yly.ledger.noteDecision(part.job_id, note)
  }
  await refreshOrderPrintMetadata(container, part.order_id)
  return {
    outcome: decision,
    events: [
      {
        name: accepted ? YilianyunEvents.ORDER_ACCEPTED : YilianyunEvents.ORDER_REJECTED,
        data: {
          order_id: part.order_id,
          job_id: part.job_id,
          machine_code: part.machine_code,
          print_id: f.order_id || null,
          decided_at: decidedAt.toISOString(),
        },
      },
    ],
  }
}

/**
 * rejectAction "cancel": Medusa's own cancel workflow, only for a push inside the freshness window
 * (one re-applied much later, or replayed, never cancels an order). Returns the note shown.
 */
async function cancelRejectedOrder(
  container: MedusaContainer,
  yly: YilianyunModuleService,
  orderId: string,
  pushTime: number
): Promise<string> {
  if (!(await yly.isPushFresh(pushTime))) {
    return "Rejected on the printer, but the rejection arrived too late to cancel the order automatically — cancel it by hand if needed."
  }
  try {
    await cancelOrderWorkflow(container).run({ input: { order_id: orderId, no_notification: false } })
    return "The order was canceled because it was rejected on the printer."
  } catch (e) {
    return `Rejected on the printer, but the order could not be canceled: ${(e as Error).message}`
  }
}

async function applyStatus(yly: YilianyunModuleService, f: Record<string, string>, pushTime: number): Promise<Applied> {
  const status = PRINTER_STATES[String(f.online)]
  const [printer] = await yly.listPrinters({ machine_code: f.machine_code })
  if (!printer || !status) return { outcome: printer ? "unknown-status" : "unknown-printer", events: [] }
  // a re-delivered older push must not overwrite a newer status
  if (!(await yly.setPrinterStatusFromPush(printer.id, status, pushTime))) return { outcome: "older-than-applied", events: [] }
  const waiting = await yly.listPrintJobs(
    { printer_id: printer.id, status: ["pending", "sending", "waiting", "unknown", "sent"] },
    { select: ["id"] }
  )
  return {
    outcome: status,
    events: [
      {
        name: YilianyunEvents.PRINTER_STATUS_CHANGED,
        data: {
          printer_id: printer.id,
          machine_code: printer.machine_code,
          status,
          previous: printer.status,
          waiting_jobs: waiting.length,
        },
      },
    ],
  }
}
