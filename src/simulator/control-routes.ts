import type { IncomingMessage, ServerResponse } from "node:http"
import { deviceInfo, isPrinterState } from "./printers"
import { BodyTooLargeError, readBody } from "./http-in"
import type { SimulatorState } from "./state"
import type {
  AddDeviceInput,
  Button,
  ClockInfo,
  FaultsInput,
  HealthInfo,
  PrintFilter,
  PrinterInfo,
  PushTargetInput,
  SendPushInput,
} from "./types"

// The control API under /_sim/: JSON in and out, for tests, the demo and other processes
// (SimulatorControl is its typed client). Mistakes answer 400 { error } saying what to fix.

const CONTROL_BODY_LIMIT = 1024 * 1024

class ControlInputError extends Error {}

type Json = Record<string, unknown>
type Handler = (state: SimulatorState, body: Json, query: URLSearchParams, tail: string) => unknown | Promise<unknown>

const ROUTES: Record<string, Handler> = {
  "GET health": (state): HealthInfo => ({ ok: true, clientId: state.config.clientId, startedAt: state.startedAt }),

  "POST reset": (state) => {
    state.reset()
    return { ok: true }
  },

  "GET devices": (state) => state.devices.list().map(deviceInfo),
  "POST devices": (state, body) => {
    const device = state.devices.add(body as AddDeviceInput)
    if (body.state !== undefined) state.setPrinterState(device, device.state, false)
    return deviceInfo(device)
  },

  "GET printers": (state): PrinterInfo[] =>
    state.devices
      .list()
      .filter((device) => device.boundTo === "self")
      .map((device) => {
        const jobs = state.queue.jobsOf(device.machineCode)
        const count = (status: number) => jobs.filter((job) => job.status === status).length
        return { ...deviceInfo(device), unprinted: count(0), printed: count(1), canceled: count(2) }
      }),

  "POST printer-state": (state, body) => {
    if (!isPrinterState(body.state)) throw new ControlInputError("state must be online, offline or paper_out")
    const device = requireDevice(state, body.machineCode)
    state.setPrinterState(device, body.state, body.push !== false)
    return deviceInfo(device)
  },

  "POST press-button": (state, body) => {
    const button = (body.button ?? "left") as Button
    if (!["left", "right", "long"].includes(button)) throw new ControlInputError("button must be left, right or long")
    if (body.printId !== undefined && typeof body.printId !== "string") throw new ControlInputError("printId must be a string")
    const device = requireDevice(state, body.machineCode)
    return state.queue.pressButton(device, button, body.printId as string | undefined)
  },

  "GET behavior": (state) => state.behavior.snapshot(),
  "POST behavior": (state, body) => state.behavior.set(body),

  "GET faults": (state) => state.faults.snapshot(),
  "POST faults": (state, body) => {
    if (body.clear === true) state.faults.reset()
    return state.faults.apply(body as FaultsInput)
  },

  "GET paper": (state, _body, _query, machineCode) => {
    if (!/^\d{10}$/.test(machineCode)) throw new ControlInputError("use /_sim/paper/<10-digit machine code>")
    return state.queue.paperOf(machineCode)
  },

  "GET prints": (state, _body, query) => {
    const filter: PrintFilter = {}
    if (query.get("machineCode")) filter.machineCode = query.get("machineCode") as string
    if (query.get("originId")) filter.originId = query.get("originId") as string
    const status = query.get("status")
    if (status !== null && status !== "") {
      if (!["0", "1", "2"].includes(status)) throw new ControlInputError("status must be 0, 1 or 2")
      filter.status = Number(status) as PrintFilter["status"]
    }
    return state.queue.list(filter)
  },

  "GET tokens": (state) => state.tokens.info(state.clock.nowMs()),
  "POST tokens": (state, body) => {
    if (body.action !== "revoke") throw new ControlInputError('the only action is "revoke"')
    state.tokens.revokeCurrent()
    return state.tokens.info(state.clock.nowMs())
  },

  "GET push-targets": (state) => state.pushes.listTargets(),
  "POST push-targets": (state, body) => state.pushes.setTarget(body as unknown as PushTargetInput),

  "GET pushes": (state, _body, query) =>
    state.pushes.list({
      cmd: query.get("cmd") ?? undefined,
      machineCode: query.get("machineCode") ?? undefined,
      orderId: query.get("orderId") ?? undefined,
    }),

  "POST send-push": async (state, body) => {
    const input = body as unknown as SendPushInput
    if (typeof input.cmd !== "string" || !input.cmd) throw new ControlInputError("cmd is required")
    const { record, finished } = state.pushes.send(input)
    if (input.wait !== false) await finished
    return record
  },

  "GET clock": (state) => clockInfo(state),
  "POST clock": (state, body) => {
    if (body.offsetMs !== undefined) state.clock.setOffset(finiteNumber("offsetMs", body.offsetMs))
    if (body.advanceMs !== undefined) state.clock.advance(finiteNumber("advanceMs", body.advanceMs))
    return clockInfo(state)
  },
}

export async function handleControl(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  path: string
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://simulator")
  const [name = "", ...rest] = path.replace(/^\/_sim\/?/, "").split("/")
  const handler = ROUTES[`${request.method} ${name}`]
  if (!handler) {
    const known = Object.keys(ROUTES).some((key) => key.endsWith(` ${name}`))
    return sendJson(response, known ? 405 : 404, { error: `${request.method} /_sim/${name} is not a control route` })
  }
  try {
    const raw = request.method === "POST" ? await readBody(request, CONTROL_BODY_LIMIT) : ""
    const body = parseJsonObject(raw)
    const result = await handler(state, body, url.searchParams, decodeURIComponent(rest.join("/")))
    sendJson(response, 200, result ?? { ok: true })
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: error.message })
    // Validators deeper down throw plain Errors for bad input; anything else is a simulator bug.
    if (!(error instanceof ControlInputError) && (error as Error)?.constructor !== Error) throw error
    sendJson(response, 400, { error: (error as Error).message })
  }
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value)
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) })
  response.end(text)
}

function parseJsonObject(raw: string): Json {
  if (!raw.trim()) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new ControlInputError("body must be JSON")
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ControlInputError("body must be a JSON object")
  }
  return parsed as Json
}

function requireDevice(state: SimulatorState, machineCode: unknown) {
  const device = typeof machineCode === "string" ? state.devices.get(machineCode) : undefined
  if (!device) throw new ControlInputError("machineCode must be a 10-digit machine code")
  return device
}

function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new ControlInputError(`${name} must be a number`)
  return value
}

function clockInfo(state: SimulatorState): ClockInfo {
  return { offsetMs: state.clock.offset, nowMs: state.clock.nowMs(), nowSec: state.clock.nowSec() }
}
