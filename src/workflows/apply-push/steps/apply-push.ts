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
 * Applies one recorded push (design §3): finish → part and job printed; getOrder → the decision
 * (and, with rejectAction "cancel", Medusa's own order cancel); printStatus → printer status;
 * key presses and menus are only recorded. Marks the push applied so it is never applied twice.
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
        applied = await applyDecision(container, yly, fields)
        break
      case "oauth_printStatus":
        applied = await applyStatus(yly, fields)
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
    if (applied.outcome.startsWith("unknown")) {
      logger.warn(`yilianyun: push ${event.cmd} for ${fields.machine_code}/${fields.order_id ?? "-"}: ${applied.outcome}`)
    }
    await yly.setPushOutcome(pushEventId, applied.outcome)
    if (applied.events.length) {
      await container.resolve(Modules.EVENT_BUS).emit(applied.events)
    }
    return applied
}

async function partByPrintId(yly: YilianyunModuleService, printId: string | undefined) {
  return printId ? yly.findPartByPrintId(printId) : null
}

async function applyFinish(container: MedusaContainer, yly: YilianyunModuleService, f: Record<string, string>): Promise<Applied> {
  const part = await partByPrintId(yly, f.order_id)
  if (!part) return { outcome: "unknown-print-id", events: [] }
  if (String(f.state ?? "1") !== "1") return { outcome: `not-printed-state-${f.state}`, events: [] }
  const printedAt = Number(f.print_time) > 0 ? new Date(Number(f.print_time) * 1000) : new Date()
  const [orderId] = await yly.markPartsPrinted([{ id: part.id, printed_at: printedAt }])
  await refreshOrderPrintMetadata(container, part.order_id)
  return {
    outcome: "printed",
    events: [
      {
        name: YilianyunEvents.PRINT_FINISHED,
        data: {
          order_id: orderId ?? part.order_id,
          job_id: part.job_id,
          print_id: f.order_id,
          machine_code: f.machine_code,
          template: part.template,
        },
      },
    ],
  }
}

async function applyDecision(container: MedusaContainer, yly: YilianyunModuleService, f: Record<string, string>): Promise<Applied> {
  const part = await partByPrintId(yly, f.order_id)
  if (!part) return { outcome: "unknown-print-id", events: [] }
  const options = yly.getOptions()
  const accepted = Number(f.state) === options.acceptState
  const orderId: string = part.order_id
  const decidedAt = new Date().toISOString()
  let note: string | undefined
  if (!accepted && options.rejectAction === "cancel") {
    try {
      await cancelOrderWorkflow(container).run({ input: { order_id: orderId, no_notification: false } as any })
      note = "The order was canceled because it was rejected on the printer."
    } catch (e) {
      note = `Rejected on the printer, but the order could not be canceled: ${(e as Error).message}`
    }
  }
  await refreshOrderPrintMetadata(container, orderId, {
    decision: accepted ? "accepted" : "rejected",
    decided_at: decidedAt,
    ...(note ? { decision_note: note } : {}),
  })
  return {
    outcome: accepted ? "accepted" : "rejected",
    events: [
      {
        name: accepted ? YilianyunEvents.ORDER_ACCEPTED : YilianyunEvents.ORDER_REJECTED,
        data: { order_id: orderId, machine_code: f.machine_code, print_id: f.order_id, decided_at: decidedAt },
      },
    ],
  }
}

async function applyStatus(yly: YilianyunModuleService, f: Record<string, string>): Promise<Applied> {
  const status = PRINTER_STATES[String(f.online)]
  const [printer] = await yly.listPrinters({ machine_code: f.machine_code })
  if (!printer || !status) return { outcome: printer ? "unknown-status" : "unknown-printer", events: [] }
  await yly.updatePrinters({ id: printer.id, status, status_at: new Date() })
  const waiting = await yly.listPrintJobs({ printer_id: printer.id, status: ["pending", "sent"] } as any, { select: ["id"] })
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
