// A tiny signer and raw HTTP caller for the simulator's cloud API, written independently of the
// plugin's client (src/yilianyun) so tests can drive the simulator exactly as they choose.
import { createHash, randomUUID } from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"
import type { Simulator } from "../../src/simulator"

export const md5 = (text: string) => createHash("md5").update(text).digest("hex")
export const nowSec = () => Math.floor(Date.now() / 1000)

export interface RawAnswer {
  status: number
  text: string
  json: { error: number | string; error_description: string; timestamp: number; body?: any }
}

export interface RawCallOptions {
  prefix?: "/v2" | ""
  signal?: AbortSignal
  timestamp?: number
}

export function rawCloud(sim: Simulator) {
  async function api(path: string, fields: Record<string, string>, options: RawCallOptions = {}): Promise<RawAnswer> {
    const timestamp = String(options.timestamp ?? nowSec())
    const form = {
      client_id: sim.clientId,
      timestamp,
      sign: md5(sim.clientId + timestamp + sim.clientSecret),
      id: randomUUID(),
      ...fields,
    }
    const response = await fetch(`${sim.url}${options.prefix ?? "/v2"}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
      body: new URLSearchParams(form).toString(),
      signal: options.signal,
    })
    const text = await response.text()
    return { status: response.status, text, json: JSON.parse(text) }
  }

  async function token(): Promise<string> {
    const answer = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    if (Number(answer.json.error) !== 0) throw new Error(`token: ${answer.text}`)
    return answer.json.body.access_token
  }

  async function boundPrinter(accessToken: string, extra: { model?: string; firmware?: string } = {}): Promise<string> {
    const device = await sim.control.addDevice(extra)
    const answer = await api("printer/addprinter", { access_token: accessToken, machine_code: device.machineCode, msign: device.msign })
    if (Number(answer.json.error) !== 0) throw new Error(`addprinter: ${answer.text}`)
    return device.machineCode
  }

  return { api, token, boundPrinter }
}

/** Print ids are bare JSON integers (19 digits exceed 2^53): read them from the text. */
export function idsInText(text: string): string[] {
  return [...text.matchAll(/"id":(\d+)/g)].map((match) => match[1])
}

export interface PushReceiver {
  url: string
  /** POSTed form bodies, raw, in arrival order. */
  bodies: string[]
  /** GET requests (the cloud's probe of a push URL). */
  probes: number
  /** What a GET probe is answered with (default {"data":"OK"}). */
  probeAnswer: string
  close(): Promise<void>
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const receiver = { bodies: [] as string[], probes: 0, probeAnswer: '{"data":"OK"}' } as PushReceiver
  const server = http.createServer((request, response) => {
    if (request.method === "GET") {
      receiver.probes++
      response.writeHead(200, { "content-type": "application/json" }).end(receiver.probeAnswer)
      return
    }
    let body = ""
    request.on("data", (chunk) => (body += chunk))
    request.on("end", () => {
      receiver.bodies.push(body)
      response.writeHead(200, { "content-type": "application/json" }).end('{"data":"OK"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/yilianyun`
  receiver.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return receiver
}
