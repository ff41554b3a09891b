// Drives the Yilianyun simulator with raw HTTP and its own tiny signer (never the plugin's client),
// so the simulator can later judge that client independently.
import { createHash, randomUUID } from "node:crypto"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { expectedMsign, startSimulator, type Simulator } from "../../src/simulator"

const md5 = (text: string) => createHash("md5").update(text).digest("hex")
const nowSec = () => Math.floor(Date.now() / 1000)

let sim: Simulator

interface ApiAnswer {
  status: number
  text: string
  json: { error: number; error_description: string; timestamp: number; body?: any }
}

interface CallOptions {
  contentType?: string
  rawBody?: string
  signal?: AbortSignal
  prefix?: "/v2" | ""
}

/** Common params signed the documented way, plus the call's own fields (which may override them). */
function signedForm(fields: Record<string, string>): Record<string, string> {
  const timestamp = String(nowSec())
  return {
    client_id: sim.clientId,
    timestamp,
    sign: md5(sim.clientId + timestamp + sim.clientSecret),
    id: randomUUID(),
    ...fields,
  }
}

async function api(path: string, fields: Record<string, string>, options: CallOptions = {}): Promise<ApiAnswer> {
  const response = await fetch(`${sim.url}${options.prefix ?? "/v2"}/${path}`, {
    method: "POST",
    headers: { "content-type": options.contentType ?? "application/x-www-form-urlencoded;charset=utf-8" },
    body: options.rawBody ?? new URLSearchParams(signedForm(fields)).toString(),
    signal: options.signal,
  })
  const text = await response.text()
  return { status: response.status, text, json: response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined as any }
}

/** Print ids exceed 2^53: read them from the answer text, not from JSON.parse. */
function idsInText(text: string): string[] {
  return [...text.matchAll(/"id":(\d+)/g)].map((match) => match[1])
}

async function fetchToken(): Promise<string> {
  const answer = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
  expect(answer.json.error).toBe(0)
  return answer.json.body.access_token
}

async function boundPrinter(token: string, extra: { model?: string; paperWidth?: 58 | 80 } = {}): Promise<string> {
  const device = await sim.control.addDevice(extra)
  const answer = await api("printer/addprinter", { access_token: token, machine_code: device.machineCode, msign: device.msign })
  expect(answer.json.error).toBe(0)
  return device.machineCode
}

function print(token: string, machineCode: string, originId: string, content = "hello", idempotence?: "0" | "1") {
  const fields: Record<string, string> = { access_token: token, machine_code: machineCode, content, origin_id: originId }
  if (idempotence) fields.idempotence = idempotence
  return api("print/index", fields)
}

interface Receiver {
  url: string
  received: Array<Record<string, string>>
  /** GET requests (the cloud's probe of a push URL); they are not pushes. */
  probes: number
  /** Answers with HTTP 500 this many times before acknowledging. */
  failuresLeft: number
  close(): Promise<void>
}

async function startReceiver(failFirst = 0): Promise<Receiver> {
  const receiver = { received: [] as Array<Record<string, string>>, failuresLeft: failFirst, probes: 0 } as Receiver
  const server = http.createServer((request, response) => {
    if (request.method === "GET") {
      receiver.probes++
      response.writeHead(200, { "content-type": "application/json" }).end('{"data":"OK"}')
      return
    }
    let body = ""
    request.on("data", (chunk) => (body += chunk))
    request.on("end", () => {
      receiver.received.push({ ...Object.fromEntries(new URLSearchParams(body)), _contentType: request.headers["content-type"] ?? "" })
      if (receiver.failuresLeft > 0) {
        receiver.failuresLeft--
        response.writeHead(500).end("nope")
        return
      }
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

beforeAll(async () => {
  sim = await startSimulator({ finishDelayMs: 30, pushRetryIntervalMs: 50, pushTimeoutMs: 500, hangCapMs: 5000 })
})

afterAll(async () => {
  await sim.close()
})

beforeEach(async () => {
  await sim.control.reset()
})

describe("request checks", () => {
  it("answers 11 for a wrong sign and accepts an upper-case correct one", async () => {
    const wrong = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all", sign: md5("nope") })
    expect(wrong.status).toBe(200)
    expect(wrong.json.error).toBe(11)
    expect(typeof wrong.json.timestamp).toBe("number")

    const timestamp = String(nowSec())
    const upper = md5(sim.clientId + timestamp + sim.clientSecret).toUpperCase()
    const ok = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all", timestamp, sign: upper })
    expect(ok.json.error).toBe(0)
  })

  it("answers 33 for an id that is not a uuid", async () => {
    const answer = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all", id: "12345" })
    expect(answer.json.error).toBe(33)
  })

  it("answers 34 for a stale or malformed timestamp, signed correctly", async () => {
    for (const timestamp of [String(nowSec() - 11 * 60), String(nowSec() + 11 * 60), String(Date.now())]) {
      const sign = md5(sim.clientId + timestamp + sim.clientSecret)
      const answer = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all", timestamp, sign })
      expect(answer.json.error).toBe(34)
      expect(answer.json.error_description).toMatch(/timestamp/)
    }
  })

  it("answers 12 for a JSON body, 2 for an unknown client, 27 without scope=all", async () => {
    const json = await api("oauth/oauth", {}, {
      contentType: "application/json",
      rawBody: JSON.stringify(signedForm({ grant_type: "client_credentials", scope: "all" })),
    })
    expect(json.json.error).toBe(12)
    expect((await api("oauth/oauth", { grant_type: "client_credentials", scope: "all", client_id: "999" })).json.error).toBe(2)
    expect((await api("oauth/oauth", { grant_type: "client_credentials" })).json.error).toBe(27)
    expect((await api("oauth/scancodemodel", { scope: "all", machine_code: "4004000001", msign: "x" })).json.error).toBe(31)
  })

  it("serves paths with and without /v2, answers 405 for GET and 404 for unknown paths", async () => {
    const token = await fetchToken()
    const plain = await api("printer/getprintstatus", { access_token: token, machine_code: "4004000001" }, { prefix: "" })
    expect(plain.json.error).toBe(10) // real printer, not bound to this app
    const get = await fetch(`${sim.url}/v2/print/index`)
    expect(get.status).toBe(405)
    await get.text()
    expect((await api("printer/nosuch", { access_token: token })).status).toBe(404)
  })
})

describe("tokens", () => {
  it("allows 20 fetches per rolling 24 h, answers 41 to the 21st, and recovers a day later", async () => {
    for (let i = 0; i < 20; i++) await fetchToken()
    const refused = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    expect(refused.json.error).toBe(41)
    expect(await sim.control.tokens()).toMatchObject({ fetchesInWindow: 20, remaining: 0, currentTokenId: "token-20" })
    expect(JSON.stringify(await sim.control.tokens())).not.toMatch(/[0-9a-f]{32}/)

    await sim.control.advanceClock(24 * 60 * 60 * 1000 + 1000)
    expect((await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })).json.error).toBe(0)
  })

  it("answers 18 for a token replaced by a newer fetch and 14 for a malformed one", async () => {
    const first = await fetchToken()
    const second = await fetchToken()
    const mc = "4004000001"
    expect((await api("printer/getprintstatus", { access_token: first, machine_code: mc })).json.error).toBe(18)
    expect((await api("printer/getprintstatus", { access_token: "short", machine_code: mc })).json.error).toBe(14)
    expect((await api("printer/getprintstatus", { access_token: second, machine_code: mc })).json.error).toBe(10)
  })

  it("refreshes with refresh_token, counting toward the quota and revoking the old token", async () => {
    const first = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    const refreshed = await api("oauth/oauth", {
      grant_type: "refresh_token",
      scope: "all",
      refresh_token: first.json.body.refresh_token,
    })
    expect(refreshed.json.body).toMatchObject({ expires_in: 2592000, scope: "all", machine_code: "" })
    expect((await sim.control.tokens()).fetchesInWindow).toBe(2)
    const status = await api("printer/getprintstatus", { access_token: first.json.body.access_token, machine_code: "4004000001" })
    expect(status.json.error).toBe(18)
  })
})

describe("binding", () => {
  it("answers 35 for a wrong key, 17 when bound elsewhere, and accepts the same app twice", async () => {
    const token = await fetchToken()
    const device = await sim.control.addDevice({ model: "K6", paperWidth: 80 })
    expect(device.msign).toBe(expectedMsign(device.machineCode))
    const wrong = await api("printer/addprinter", { access_token: token, machine_code: device.machineCode, msign: "000000000000" })
    expect(wrong.json.error).toBe(35)
    for (let i = 0; i < 2; i++) {
      const ok = await api("printer/addprinter", { access_token: token, machine_code: device.machineCode, msign: device.msign })
      expect(ok.json.error).toBe(0)
    }
    const taken = await sim.control.addDevice({ boundElsewhere: true })
    const refused = await api("printer/addprinter", { access_token: token, machine_code: taken.machineCode, msign: taken.msign })
    expect(refused.json.error).toBe(17)

    const info = await api("printer/printinfo", { access_token: token, machine_code: device.machineCode })
    expect(info.json.body).toEqual({ version: "a7", print_width: "80mm" })
    const version = await api("printer/getversion", { access_token: token, machine_code: device.machineCode })
    expect(version.json.body).toEqual({ hardware: "a7", software: "K6-WAD" })

    expect((await api("printer/deleteprinter", { access_token: token, machine_code: device.machineCode })).json.error).toBe(0)
    expect((await api("printer/getprintstatus", { access_token: token, machine_code: device.machineCode })).json.error).toBe(10)
    expect((await api("printer/getprintstatus", { access_token: token, machine_code: "12ab" })).json.error).toBe(8)
  })
})

describe("printing", () => {
  it("dedupes origin_id with idempotence=1: same id, one print; with idempotence=0: two prints", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    const first = await print(token, mc, "order1", "hello", "1")
    const again = await print(token, mc, "order1", "hello", "1")
    expect(first.json.error).toBe(0)
    expect(idsInText(again.text)).toEqual(idsInText(first.text))
    expect(idsInText(first.text)[0]).toMatch(/^\d{10}$/)
    expect(first.json.body.origin_id).toBe("order1")
    await sim.control.waitForPaper(mc, 1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await sim.control.paper(mc)).toHaveLength(1)

    const plainA = await print(token, mc, "order2", "hello", "0")
    const plainB = await print(token, mc, "order2", "hello", "0")
    expect(idsInText(plainA.text)).not.toEqual(idsInText(plainB.text))
    await sim.control.waitForPaper(mc, 3)
    expect(await sim.control.prints({ originId: "order2" })).toHaveLength(2)

    // Past the 2 h window the same origin_id prints again.
    await sim.control.advanceClock(2 * 60 * 60 * 1000 + 1000)
    const late = await print(token, mc, "order1", "hello", "1")
    expect(idsInText(late.text)).not.toEqual(idsInText(first.text))
  })

  it("keeps the content exactly as sent and prints <MN>n</MN> copies", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    const content = "<MN>2</MN><center>Tea & cake + 1</center>\n合计: ¥12"
    await print(token, mc, "copies1", content)
    const slips = await sim.control.waitForPaper(mc, 2)
    expect(slips.map((slip) => [slip.content, slip.copies, slip.copyIndex])).toEqual([
      [content, 2, 1],
      [content, 2, 2],
    ])
    expect(slips[0].lines.length).toBeGreaterThan(0)
  })

  it("rejects a bad origin_id with 34", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    expect((await print(token, mc, "order_1")).json.error).toBe(34)
    expect((await print(token, mc, "x".repeat(33))).json.error).toBe(34)
  })

  it("holds prints while the printer is offline and prints them when it is back", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    await sim.control.setPrinterState(mc, "offline")
    const queued = await print(token, mc, "held1")
    const [id] = idsInText(queued.text)
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(await sim.control.paper(mc)).toHaveLength(0)
    const status = await api("printer/getorderstatus", { access_token: token, machine_code: mc, order_id: id })
    expect(status.json.body.status).toBe(0)
    expect((await api("printer/getprintstatus", { access_token: token, machine_code: mc })).json.body).toEqual({ machine_code: mc, state: 0 })

    await sim.control.setPrinterState(mc, "online")
    await sim.control.waitForPaper(mc, 1)
    const printed = await api("printer/getorderstatus", { access_token: token, machine_code: mc, order_id: id })
    expect(printed.json.body.status).toBe(1)
  })

  it("lists prints newest first in pages of at most 100", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    for (const originId of ["p1", "p2", "p3"]) await print(token, mc, originId, `receipt ${originId}`)
    const page = await api("printer/getorderpaginglist", { access_token: token, machine_code: mc, page_index: "1", page_size: "2" })
    expect(page.json.body.map((row: { origin_id: string }) => row.origin_id)).toEqual(["p3", "p2"])
    expect(Object.keys(page.json.body[0]).sort()).toEqual(["content", "id", "origin_id", "print_time", "receiving_time", "status"])
    const second = await api("printer/getorderpaginglist", { access_token: token, machine_code: mc, page_index: "2", page_size: "2" })
    expect(second.json.body.map((row: { origin_id: string }) => row.origin_id)).toEqual(["p1"])
    const tooBig = await api("printer/getorderpaginglist", { access_token: token, machine_code: mc, page_index: "1", page_size: "101" })
    expect(tooBig.json.error).toBe(34)
  })

  it("cancels one unprinted print, then all, and answers 24 when nothing is left", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    await sim.control.setPrinterState(mc, "paper_out")
    const [a] = idsInText((await print(token, mc, "c1")).text)
    await print(token, mc, "c2")
    await print(token, mc, "c3")
    expect((await api("printer/cancelone", { access_token: token, machine_code: mc, order_id: a })).json.error).toBe(0)
    expect((await api("printer/cancelone", { access_token: token, machine_code: mc, order_id: a })).json.error).toBe(24)
    expect((await api("printer/cancelall", { access_token: token, machine_code: mc })).json.error).toBe(0)
    expect((await api("printer/cancelall", { access_token: token, machine_code: mc })).json.error).toBe(24)
    const status = await api("printer/getorderstatus", { access_token: token, machine_code: mc, order_id: a })
    expect(status.json.body.status).toBe(2)
    await sim.control.setPrinterState(mc, "online")
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(await sim.control.paper(mc)).toHaveLength(0)
  })

  it("reprints a finished print under the same id", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    const [id] = idsInText((await print(token, mc, "r1")).text)
    await sim.control.waitForPaper(mc, 1)
    expect((await api("printer/reprintorder", { access_token: token, machine_code: mc, order_id: id })).json.error).toBe(0)
    const slips = await sim.control.waitForPaper(mc, 2)
    expect(slips.map((slip) => [slip.printId, slip.reprint])).toEqual([
      [id, false],
      [id, true],
    ])
  })
})

describe("pushes", () => {
  it("delivers a signed oauth_finish after printing", async () => {
    const receiver = await startReceiver()
    try {
      const token = await fetchToken()
      const mc = await boundPrinter(token)
      const set = await api("oauth/setpushurl", { access_token: token, cmd: "oauth_finish", url: receiver.url, status: "open" })
      expect(set.json.error).toBe(0)
      const [id] = idsInText((await print(token, mc, "f1")).text)
      const [record] = await sim.control.waitForPushes({ cmd: "oauth_finish" }, 1)
      expect(record.delivered).toBe(true)
      expect(record.attempts).toHaveLength(1)

      const [push] = receiver.received
      expect(push._contentType).toMatch(/^application\/x-www-form-urlencoded/)
      expect(push).toMatchObject({ cmd: "oauth_finish", machine_code: mc, order_id: id, origin_id: "f1", state: "1" })
      expect(push.print_time).toMatch(/^\d{10}$/)
      expect(push.sign).toBe(md5(sim.clientId + push.push_time + sim.clientSecret))
    } finally {
      await receiver.close()
    }
  })

  it("a target pinned through the control API keeps receiving when the app registers another URL; unpinned, the app's registration wins", async () => {
    const receiver = await startReceiver()
    const other = await startReceiver()
    const elsewhere = other.url
    try {
      const token = await fetchToken()
      await sim.control.setPushTarget({ cmd: "oauth_finish", url: receiver.url, pinned: true })
      const set = await api("oauth/setpushurl", { access_token: token, cmd: "oauth_finish", url: elsewhere, status: "open" })
      expect(set.json.error).toBe(0)
      expect(await sim.control.pushTargets()).toEqual([{ cmd: "oauth_finish", url: receiver.url, status: "open", pinned: true }])

      await sim.control.setPushTarget({ cmd: "oauth_finish", url: receiver.url })
      await api("oauth/setpushurl", { access_token: token, cmd: "oauth_finish", url: elsewhere, status: "open" })
      expect(await sim.control.pushTargets()).toEqual([{ cmd: "oauth_finish", url: elsewhere, status: "open" }])
      await expect(sim.control.setPushTarget({ cmd: "oauth_finish", url: receiver.url, pinned: "yes" as any })).rejects.toThrow(
        /pinned must be true or false/
      )
    } finally {
      await receiver.close()
      await other.close()
    }
  })

  it("retries a failing receiver, at most 3 deliveries in total", async () => {
    const flaky = await startReceiver(2)
    const broken = await startReceiver(99)
    try {
      await sim.control.setPushTarget({ cmd: "oauth_request", url: flaky.url })
      const mc = (await sim.control.addDevice({ bound: true })).machineCode
      await sim.control.pressButton(mc, undefined, "left")
      const [recovered] = await sim.control.waitForPushes({ cmd: "oauth_request" }, 1)
      expect(recovered.attempts.map((attempt) => attempt.ok)).toEqual([false, false, true])
      expect(recovered.delivered).toBe(true)
      expect(flaky.received).toHaveLength(3)

      await sim.control.setPushTarget({ cmd: "oauth_request", url: broken.url })
      await sim.control.pressButton(mc, undefined, "long")
      const done = await sim.control.waitForPushes({ cmd: "oauth_request" }, 2)
      const failed = done.find((record) => record.url === broken.url)!
      expect(failed.fields.state).toBe("request2")
      expect(failed.attempts).toHaveLength(3)
      expect(failed.delivered).toBe(false)
      await new Promise((resolve) => setTimeout(resolve, 150))
      expect(broken.received).toHaveLength(3)
    } finally {
      await flaky.close()
      await broken.close()
    }
  })

  it("pushes oauth_printStatus on a state change", async () => {
    const receiver = await startReceiver()
    try {
      await sim.control.setPushTarget({ cmd: "oauth_printStatus", url: receiver.url })
      const mc = (await sim.control.addDevice({ bound: true })).machineCode
      await sim.control.setPrinterState(mc, "paper_out")
      await sim.control.waitForPushes({ cmd: "oauth_printStatus" }, 1)
      expect(receiver.received[0]).toMatchObject({ cmd: "oauth_printStatus", machine_code: mc, online: "2" })
    } finally {
      await receiver.close()
    }
  })

  it("with getorder open, a key press after printing pushes oauth_getOrder (left = 0)", async () => {
    const receiver = await startReceiver()
    try {
      const token = await fetchToken()
      const mc = await boundPrinter(token)
      await sim.control.setPushTarget({ cmd: "oauth_getOrder", url: receiver.url })
      expect((await api("printer/getorder", { access_token: token, machine_code: mc, response_type: "open" })).json.error).toBe(0)
      const [id] = idsInText((await print(token, mc, "g1")).text)
      await sim.control.waitForPaper(mc, 1)
      expect((await sim.control.prints({ machineCode: mc }))[0].waitingFor).toBe("decision")

      const press = await sim.control.pressButton(mc, id, "left")
      expect(press).toMatchObject({ action: "decision", printId: id })
      await sim.control.waitForPushes({ cmd: "oauth_getOrder" }, 1)
      expect(receiver.received[0]).toMatchObject({ cmd: "oauth_getOrder", machine_code: mc, order_id: id, state: "0" })
      expect((await sim.control.prints({ machineCode: mc }))[0].decision).toBe("left")
    } finally {
      await receiver.close()
    }
  })

  it("sends crafted pushes with a forged sign or an old push_time", async () => {
    const receiver = await startReceiver()
    try {
      const forged = await sim.control.sendPush("oauth_finish", { machine_code: "4004000001", order_id: "1" }, { sign: "bad", url: receiver.url })
      expect(forged.fields.sign).toBe("bad")
      const old = await sim.control.sendPush("oauth_finish", { machine_code: "4004000001" }, { pushTime: 1426908399, url: receiver.url })
      expect(old.fields.sign).toBe(md5(`${sim.clientId}1426908399${sim.clientSecret}`))
      expect(receiver.received.map((push) => push.sign)).toEqual(["bad", old.fields.sign])
    } finally {
      await receiver.close()
    }
  })
})

describe("faults and reset", () => {
  it("answers HTTP 502 with an HTML page, then a chosen cloud code on one path only", async () => {
    await sim.control.setFaults({ http5xxNext: 1, errorNext: { code: 45, count: 1, paths: ["print/index"] } })
    const gateway = await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    expect(gateway.status).toBe(502)
    expect(gateway.text).toMatch(/<html>/)
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    expect((await print(token, mc, "e1")).json.error).toBe(45)
    expect((await print(token, mc, "e1")).json.error).toBe(0)
  })

  it("holds a timed-out call open until the client gives up; the next call is fine", async () => {
    await sim.control.setFaults({ timeoutNext: 1 })
    const started = Date.now()
    await expect(
      api("oauth/oauth", { grant_type: "client_credentials", scope: "all" }, { signal: AbortSignal.timeout(300) })
    ).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect((await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })).json.error).toBe(0)
  })

  it("delays every call by latencyMs", async () => {
    await sim.control.setFaults({ latencyMs: 150 })
    const started = Date.now()
    await api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it("reset forgets tokens, quota, devices, bindings, prints, faults and push targets", async () => {
    const token = await fetchToken()
    const mc = await boundPrinter(token)
    await print(token, mc, "z1")
    await sim.control.setFaults({ latencyMs: 10 })
    await sim.control.setPushTarget({ cmd: "oauth_finish", url: "http://127.0.0.1:9/x" })
    await sim.control.reset()

    expect(await sim.control.tokens()).toMatchObject({ fetchesInWindow: 0, currentTokenId: null })
    expect(await sim.control.printers()).toEqual([])
    expect(await sim.control.prints()).toEqual([])
    expect(await sim.control.paper(mc)).toEqual([])
    expect(await sim.control.pushTargets()).toEqual([])
    expect((await sim.control.faults()).latencyMs).toBe(0)
    expect((await api("printer/getprintstatus", { access_token: token, machine_code: mc })).json.error).toBe(18)
  })
})
