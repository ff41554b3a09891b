// The protocol client against the project's Yilianyun simulator over real HTTP on loopback.
import http from "node:http"
import type { AddressInfo } from "node:net"
import { startSimulator, type Simulator } from "../../src/simulator"
import {
  YilianyunClient,
  YilianyunError,
  parsePush,
  pushAck,
  pushCommandsFor,
  verifyPush,
  type YilianyunPush,
  type YilianyunTokenApi,
} from "../../src/yilianyun"

const clientId = "1000000042"
const clientSecret = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e"

let sim: Simulator
let client: YilianyunClient
let api: YilianyunTokenApi

// A push receiver built on the SDK's own push parsing and verification.
let receiver: http.Server
let receiverUrl: string
const received: Array<{ push: YilianyunPush; verdict: ReturnType<typeof verifyPush> }> = []

beforeAll(async () => {
  sim = await startSimulator({ port: 0, clientId, clientSecret, finishDelayMs: 20, pushRetryIntervalMs: 20 })
  receiver = http.createServer((req, res) => {
    // The cloud GET-probes a push URL when it is registered; a receiver answers it like a push.
    if (req.method === "GET") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(pushAck()))
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const push = parsePush(Buffer.concat(chunks), req.headers["content-type"])
      received.push({ push, verdict: verifyPush(push, { clientId, clientSecret }) })
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(pushAck()))
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/yilianyun`
})

afterAll(async () => {
  await client?.close()
  await sim.close()
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
})

beforeEach(async () => {
  await sim.control.reset()
  received.length = 0
  await client?.close()
  client = new YilianyunClient({ clientId, clientSecret, apiUrl: `${sim.url}/v2`, requestTimeoutMs: 2000 })
  api = client.withToken((await client.oauth.getToken()).accessToken)
})

async function boundPrinter(input: { model?: string; paperWidth?: 58 | 80 } = {}): Promise<string> {
  const device = await sim.control.addDevice({ model: input.model ?? "K4", paperWidth: input.paperWidth ?? 58 })
  await api.printer.add({ machineCode: device.machineCode, msign: device.msign, printName: "Kitchen & Bar" })
  return device.machineCode
}

async function rejection(promise: Promise<unknown>): Promise<YilianyunError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof YilianyunError) return e
    throw e
  }
  throw new Error("expected a YilianyunError")
}

describe("oauth", () => {
  it("fetches a token, refreshes it, and the old one then answers 18 (token-invalid)", async () => {
    const first = await client.oauth.getToken()
    expect(first.accessToken).toMatch(/^[0-9a-f]{32}$/)
    expect(first.refreshExpiresIn).toBe(3024000)
    const refreshed = await client.oauth.refreshToken(first.refreshToken)
    expect(refreshed.accessToken).not.toBe(first.accessToken)
    const err = await rejection(client.withToken(first.accessToken).printer.getPrintStatus("4004000001"))
    expect(err).toMatchObject({ kind: "api", code: 18, retryable: false, isTokenInvalid: true })
    await expect(client.withToken(refreshed.accessToken).printer.getVersion("4004000001")).rejects.toMatchObject({ code: 10 })
  })

  it("allows 20 token fetches a day and answers 41 on the 21st", async () => {
    await sim.control.reset()
    for (let i = 0; i < 20; i++) await client.oauth.getToken()
    const err = await rejection(client.oauth.getToken())
    expect(err).toMatchObject({ kind: "api", code: 41, retryable: false })
    expect(err.message).toMatch(/limit of 20/)
    expect((await sim.control.tokens()).fetchesInWindow).toBe(20)
  })

  it("maps a revoked token to 18 and isTokenInvalid", async () => {
    const mc = await boundPrinter()
    await sim.control.revokeToken()
    const err = await rejection(api.printer.getPrintStatus(mc))
    expect(err.code).toBe(18)
    expect(err.isTokenInvalid).toBe(true)
  })

  it("reaches the open-app endpoints (the simulator plays a self-owned app)", async () => {
    expect(await rejection(client.oauth.scanCodeToken({ machineCode: "4004000001", msign: "abcdefabcdef" }))).toMatchObject({ code: 31 })
    expect(await rejection(client.oauth.authorizationCodeToken("somecode"))).toMatchObject({ kind: "api", code: 34 })
    expect(client.oauth.authorizeUrl({ redirectUri: "https://shop.test/cb?a=1&b=2", state: "xyz" })).toBe(
      `${sim.url}/oauth/authorize?client_id=${clientId}&response_type=code&redirect_uri=https%3A%2F%2Fshop.test%2Fcb%3Fa%3D1%26b%3D2&state=xyz`,
    )
  })

  it("registers push URLs through oauth.setPushUrl and api.pushUrl.set", async () => {
    const mc = await boundPrinter()
    const token = (await client.oauth.getToken()).accessToken
    api = client.withToken(token)
    await client.oauth.setPushUrl({ cmd: "oauth_finish", url: `${receiverUrl}?x=1&y=a+b`, status: "open" }, token)
    await api.pushUrl.set({ cmd: "oauth_printStatus", url: receiverUrl, status: "open", machineCode: mc })
    const targets = await sim.control.pushTargets()
    expect(targets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cmd: "oauth_finish", url: `${receiverUrl}?x=1&y=a+b`, status: "open" }),
        expect.objectContaining({ cmd: "oauth_printStatus", machineCode: mc }),
      ]),
    )
  })
})

describe("printing", () => {
  it("delivers & + = % CJK emoji and markup to the virtual paper intact", async () => {
    const mc = await boundPrinter()
    const content = "<FS2><center>桌号 3</center></FS2>\nA&B+C=D 50% a%20b ¥12.50\n🍜 牛肉面 x1\n<QR>https://shop.test/o?id=1&k=a+b</QR>"
    const res = await api.print.text({ machineCode: mc, content, originId: "enc1" })
    expect(res.id).toMatch(/^\d{10}$/) // the documented size (v2 example: 2099743426)
    const [slip] = await sim.control.waitForPaper(mc, 1)
    expect(slip.content).toBe(content)
    expect(slip.printId).toBe(res.id)
  })

  it("keeps 19-digit print ids exact across print, status, list, cancel and reprint", async () => {
    await sim.control.setBehavior({ printIdDigits: 19 })
    const mc = await boundPrinter()
    const printed = await api.print.text({ machineCode: mc, content: "one", originId: "p1" })
    expect(printed.id).toMatch(/^\d{19}$/)
    expect(BigInt(printed.id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
    await sim.control.waitForPaper(mc, 1)
    expect((await sim.control.prints({ originId: "p1" }))[0].printId).toBe(printed.id)
    expect(await api.printer.getOrderStatus(mc, printed.id)).toMatchObject({ status: "printed", id: printed.id, originId: "p1" })
    const list = await api.printer.getOrderPagingList(mc, 1, 10)
    expect(list[0]).toMatchObject({ id: printed.id, originId: "p1", status: "printed", content: "one" })
    expect(list[0].printTime).toBeGreaterThan(0)

    await api.printer.reprintOrder(mc, printed.id)
    const slips = await sim.control.waitForPaper(mc, 2)
    expect(slips[1]).toMatchObject({ printId: printed.id, reprint: true })

    await sim.control.setPrinterState(mc, "offline", { push: false })
    const queued = await api.print.text({ machineCode: mc, content: "two", originId: "p2" })
    expect(await api.printer.getOrderStatus(mc, queued.id)).toMatchObject({ status: "unprinted" })
    await api.printer.cancelOne(mc, queued.id)
    expect(await api.printer.getOrderStatus(mc, queued.id)).toMatchObject({ status: "canceled" })
    await api.print.text({ machineCode: mc, content: "three", originId: "p3" })
    await api.printer.cancelAll(mc)
    expect(await rejection(api.printer.cancelAll(mc))).toMatchObject({ code: 24, retryable: false })
  })

  it("dedupes a duplicate origin_id with idempotence: same print id, one slip", async () => {
    const mc = await boundPrinter()
    const first = await api.print.text({ machineCode: mc, content: "order 42", originId: "dup42" })
    const second = await api.print.text({ machineCode: mc, content: "order 42", originId: "dup42" })
    expect(second).toEqual(first)
    await sim.control.waitForPaper(mc, 1)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(await sim.control.paper(mc)).toHaveLength(1)
    expect(await sim.control.prints({ originId: "dup42" })).toHaveLength(1)
  })

  it("prints pictures, and waybills on a K5 (with cancel)", async () => {
    const mc = await boundPrinter()
    expect(await api.picture.print({ machineCode: mc, pictureUrl: "https://img.test/logo.png?w=384&h=100", originId: "pic1" })).toMatchObject({ originId: "pic1" })
    expect(await rejection(api.express.print({ machineCode: mc, originId: "wb0", content: { ShipperCode: "SF" } }))).toMatchObject({ code: 42 })

    const k5 = await boundPrinter({ model: "K5", paperWidth: 80 })
    const waybill = { ShipperCode: "SF", OrderCode: "A&B+1", Receiver: { Name: "张三", Address: "上海市 1号" } }
    const res = await api.express.print({ machineCode: k5, originId: "wb1", content: waybill, sandbox: true })
    expect(res.id).toMatch(/^\d+$/)
    await api.express.cancel({ machineCode: k5, content: { OrderCode: "A&B+1" } })
    const slips = await sim.control.waitForPaper(k5, 1)
    expect(JSON.parse(slips[0].content)).toEqual(waybill)
  })

  it("receives a signed finish push that the SDK parses and verifies", async () => {
    const mc = await boundPrinter()
    await api.pushUrl.set({ cmd: "oauth_finish", url: receiverUrl, status: "open" })
    const printed = await api.print.text({ machineCode: mc, content: "push me", originId: "push1" })
    await sim.control.waitForPushes({ cmd: "oauth_finish" }, 1)
    expect(received).toHaveLength(1)
    expect(received[0].verdict).toEqual({ ok: true })
    expect(received[0].push).toMatchObject({ cmd: "oauth_finish", machineCode: mc, orderId: printed.id, originId: "push1", state: 1 })
  })
})

describe("printer settings and status", () => {
  it("reaches every device endpoint", async () => {
    const mc = await boundPrinter({ model: "K4", paperWidth: 58 })
    expect(await api.printer.getVersion(mc)).toEqual({ hardware: "a7", software: "K4-WAD" })
    expect(await api.printer.printInfo(mc)).toMatchObject({ printWidth: 58 })
    expect(await api.printer.getPrintStatus(mc)).toEqual({ machineCode: mc, state: "online" })
    await sim.control.setPrinterState(mc, "paper_out", { push: false })
    expect((await api.printer.getPrintStatus(mc)).state).toBe("paper_out")
    await sim.control.setPrinterState(mc, "online", { push: false })

    await api.printer.setSound(mc, "horn", 2)
    await api.printer.setIcon(mc, "https://img.test/logo.png?a=1&b=2")
    await api.printer.btnPrint(mc, true)
    await api.printer.getOrder(mc, true)
    let device = (await sim.control.printers()).find((p) => p.machineCode === mc)!
    expect(device).toMatchObject({ sound: { responseType: "horn", voice: 2 }, icon: "https://img.test/logo.png?a=1&b=2", btnPrintMode: true, getOrderMode: true })
    await api.printer.btnPrint(mc, false)
    await api.printer.getOrder(mc, false)
    await api.printer.deleteIcon(mc)
    device = (await sim.control.printers()).find((p) => p.machineCode === mc)!
    expect(device).toMatchObject({ btnPrintMode: false, getOrderMode: false })
    expect(device.icon).toBeUndefined()

    const voice = await api.voice.set({ machineCode: mc, content: ["新订单来了", 5, 0], isFile: false, aid: 3 })
    expect(voice.aid).toBe("3")
    await api.voice.set({ machineCode: mc, content: "https://cdn.test/ding.mp3", isFile: true, aid: 4 })
    expect(await api.voice.delete(mc, 3)).toMatchObject({ isDelete: true })

    await api.menu.add({ machineCode: mc, menus: [["出餐", "https://shop.test/m?a=1&b=2"], ["退单", "https://shop.test/r"]] })
    expect((await sim.control.devices()).find((d) => d.machineCode === mc)!.menus).toEqual([
      ["出餐", "https://shop.test/m?a=1&b=2"],
      ["退单", "https://shop.test/r"],
    ])
    expect(await rejection(api.menu.add({ machineCode: mc, menus: [["出餐", "https://shop.test/x"]] }))).toMatchObject({ code: 40 })

    await api.printer.pushSwitch({ machineCode: mc, status: "open", mode: 2 })
    await api.printer.setKeywords({ machineCode: mc, keys: "YLY", type: 1, content: "pay&go" })
    await api.printer.setting({ machineCode: mc, usbPrintMode: 1, cameraDecodeTxMode: 0 })

    await api.printer.shutdownRestart(mc, "restart")
    await api.printer.shutdownRestart(mc, "shutdown")
    expect((await api.printer.getPrintStatus(mc)).state).toBe("offline")

    await api.printer.delete(mc)
    expect(await rejection(api.printer.getVersion(mc))).toMatchObject({ code: 10, retryable: false })
  })

  it("rejects a wrong printer key with 35 and a printer bound elsewhere with 17", async () => {
    const device = await sim.control.addDevice({})
    const wrong = await rejection(api.printer.add({ machineCode: device.machineCode, msign: "000000000000" }))
    expect(wrong).toMatchObject({ kind: "api", code: 35, retryable: false })
    expect(wrong.message).not.toContain("000000000000")
    const taken = await sim.control.addDevice({ boundElsewhere: true })
    expect(await rejection(api.printer.add({ machineCode: taken.machineCode, msign: taken.msign }))).toMatchObject({ code: 17 })
  })
})

describe("failure classes", () => {
  it("maps an injected cloud code to an api error (9 retryable, 11 not)", async () => {
    const mc = await boundPrinter()
    await sim.control.setFaults({ errorNext: { code: 9, paths: ["print/index"] } })
    const err = await rejection(api.print.text({ machineCode: mc, content: "x", originId: "f1" }))
    expect(err).toMatchObject({ kind: "api", code: 9, retryable: true, path: "print/index" })
    expect(err.message).toMatch(/check its power and network/)
    await sim.control.setFaults({ errorNext: { code: 11 } })
    expect(await rejection(api.printer.getVersion(mc))).toMatchObject({ code: 11, retryable: false })
  })

  it("maps HTTP 502 to a retryable http error", async () => {
    await sim.control.setFaults({ http5xxNext: 1 })
    expect(await rejection(api.printer.getVersion("4004000001"))).toMatchObject({ kind: "http", httpStatus: 502, retryable: true, code: null })
  })

  it("maps a hung call to a retryable timeout within requestTimeoutMs", async () => {
    const mc = await boundPrinter()
    const quick = new YilianyunClient({ clientId, clientSecret, apiUrl: sim.url, requestTimeoutMs: 300 })
    try {
      const quickApi = quick.withToken((await client.oauth.getToken()).accessToken)
      await sim.control.setFaults({ timeoutNext: 1 })
      const started = Date.now()
      const err = await rejection(quickApi.print.text({ machineCode: mc, content: "x", originId: "t1" }))
      expect(err).toMatchObject({ kind: "timeout", retryable: true, code: null })
      expect(Date.now() - started).toBeLessThan(2000)
      // Resending with the same origin_id after the fault is safe and prints (works without /v2 too).
      expect((await quickApi.print.text({ machineCode: mc, content: "x", originId: "t1" })).originId).toBe("t1")
    } finally {
      await quick.close()
    }
  })

  it("maps a refused connection to a retryable network error", async () => {
    const spare = await startSimulator({ port: 0, clientId, clientSecret })
    const url = spare.url
    await spare.close()
    const dead = new YilianyunClient({ clientId, clientSecret, apiUrl: `${url}/v2` })
    try {
      expect(await rejection(dead.oauth.getToken())).toMatchObject({ kind: "network", retryable: true, code: null })
    } finally {
      await dead.close()
    }
  })

  it("maps a wrong client secret to 11 without leaking the secret", async () => {
    const wrongSecret = "ffffffffffffffffffffffffffffffff"
    const wrong = new YilianyunClient({ clientId, clientSecret: wrongSecret, apiUrl: sim.url })
    try {
      const err = await rejection(wrong.oauth.getToken())
      expect(err).toMatchObject({ kind: "api", code: 11, retryable: false })
      expect(`${err.message}${err.description}${JSON.stringify(err)}`).not.toContain(wrongSecret)
    } finally {
      await wrong.close()
    }
  })
})

describe("issue 12: the client assumes only what the documents say", () => {
  it("reads v2-style error answers by the cloud's words: token trouble, a passing refusal, a permanent one", async () => {
    const mc = await boundPrinter()
    await sim.control.setBehavior({ errorCodes: "v2" })
    await sim.control.setPrinterState(mc, "offline", { push: false })
    const offline = await rejection(api.printer.getOrder(mc, true))
    expect(offline).toMatchObject({ kind: "api", code: 10009, retryable: true, outcome: "refused", isTokenInvalid: false })
    expect(offline.message).toContain("打印机离线或无法连接，请稍后重试")

    await sim.control.setPrinterState(mc, "online", { push: false })
    const empty = await rejection(api.printer.cancelAll(mc))
    expect(empty).toMatchObject({ code: 10024, retryable: false, isTokenInvalid: false })
    expect(empty.message).toMatch(/"没有可以取消的订单" \(error 10024\)/)

    await sim.control.revokeToken()
    const revoked = await rejection(api.printer.getPrintStatus(mc))
    expect(revoked).toMatchObject({ code: 10018, isTokenInvalid: true, retryable: false })
  })

  it("reads a v1-shaped answer (string error) with the v1 table", async () => {
    await sim.control.setBehavior({ errorType: "string" })
    const mc = await boundPrinter()
    expect(await api.printer.getPrintStatus(mc)).toMatchObject({ state: "online" })
    await sim.control.revokeToken()
    expect(await rejection(api.printer.getPrintStatus(mc))).toMatchObject({ code: 18, codeType: "string", isTokenInvalid: true })
    await sim.control.setFaults({ errorNext: { code: 45 } })
    expect(await rejection(client.oauth.getToken())).toMatchObject({ code: 45, codeType: "string", retryable: true })
  })

  it("a print that lands late: timeout with an unknown outcome, and the resend is deduplicated", async () => {
    const mc = await boundPrinter()
    const quick = new YilianyunClient({ clientId, clientSecret, apiUrl: `${sim.url}/v2`, requestTimeoutMs: 300 })
    try {
      const quickApi = quick.withToken((await client.oauth.getToken()).accessToken)
      await sim.control.setFaults({ lateNext: { delayMs: 600, machineCode: mc } })
      const err = await rejection(quickApi.print.text({ machineCode: mc, content: "late", originId: "late1" }))
      expect(err).toMatchObject({ kind: "timeout", reachedCloud: "unknown", outcome: "unknown", retryable: true })
      const [arrived] = await sim.control.waitFor(async () => {
        const prints = await sim.control.prints({ originId: "late1" })
        return prints.length ? prints : undefined
      })
      const resent = await quickApi.print.text({ machineCode: mc, content: "late", originId: "late1" })
      expect(resent.id).toBe(arrived.printId)
      await sim.control.waitForPaper(mc, 1)
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await sim.control.paper(mc)).toHaveLength(1)
    } finally {
      await quick.close()
    }
  })

  it("measures the cloud's clock from answer timestamps (onServerTime)", async () => {
    await sim.control.setBehavior({ clockSkewSec: -120 })
    const offsets: number[] = []
    const timed = new YilianyunClient({
      clientId,
      clientSecret,
      apiUrl: `${sim.url}/v2`,
      onServerTime: (serverSec, localMs) => offsets.push(serverSec * 1000 - localMs),
    })
    try {
      await timed.oauth.getToken()
      await rejection(timed.withToken("0".repeat(32)).printer.getVersion("4004000001"))
      expect(offsets).toHaveLength(2)
      for (const offset of offsets) expect(Math.abs(offset + 120_000)).toBeLessThan(1500)
      expect(timed.lastServerTime?.serverSec).toBeLessThan(Math.floor(Date.now() / 1000) - 100)
    } finally {
      await timed.close()
    }
  })

  it("on a v1 base, getorderstatus 0 reads as unprinted or canceled", async () => {
    await sim.control.setBehavior({ orderStatus: "v1" })
    const v1 = new YilianyunClient({ clientId, clientSecret, apiUrl: sim.url })
    try {
      expect(v1.apiVersion).toBe("v1")
      const v1Api = v1.withToken((await v1.oauth.getToken()).accessToken)
      const device = await sim.control.addDevice({ model: "K4", state: "offline" })
      await v1Api.printer.add({ machineCode: device.machineCode, msign: device.msign })
      const queued = await v1Api.print.text({ machineCode: device.machineCode, content: "x", originId: "q1" })
      expect((await v1Api.printer.getOrderStatus(device.machineCode, queued.id)).status).toBe("unprinted_or_canceled")
      await v1Api.printer.cancelOne(device.machineCode, queued.id)
      expect((await v1Api.printer.getOrderStatus(device.machineCode, queued.id)).status).toBe("unprinted_or_canceled")
    } finally {
      await v1.close()
    }
  })

  it("adds app menus the simulator checks for URL-encoding and byte length", async () => {
    await sim.control.setBehavior({ checkMenuEncoding: true })
    const mc = await boundPrinter()
    await api.menu.add({ machineCode: mc, menus: [["叫服务员", "https://shop.test/call?t=3&x=a b"], ["一二三四五六", "https://shop.test/b"]] })
    const device = (await sim.control.devices()).find((d) => d.machineCode === mc)!
    expect(device.menus).toEqual([["叫服务员", "https://shop.test/call?t=3&x=a b"], ["一二三四五六", "https://shop.test/b"]])
  })

  it("registers exactly the push commands the version documents, which a strict cloud accepts", async () => {
    await sim.control.setBehavior({ refuseUndocumentedCommands: true })
    for (const cmd of pushCommandsFor(`${sim.url}/v2`)) await api.pushUrl.set({ cmd, url: receiverUrl, status: "open" })
    expect((await sim.control.pushTargets()).map((t) => t.cmd).sort()).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus"])
    const refused = await rejection(api.pushUrl.set({ cmd: "oauth_request", url: receiverUrl, status: "open" }))
    expect(refused).toMatchObject({ kind: "api", code: 34, retryable: false, outcome: "refused" })
  })

  it("parses and verifies a v2-style finish push that names only the origin_id", async () => {
    await sim.control.setBehavior({ finishOrderId: "absent" })
    const mc = await boundPrinter()
    await api.pushUrl.set({ cmd: "oauth_finish", url: receiverUrl, status: "open" })
    await api.print.text({ machineCode: mc, content: "x", originId: "v2push" })
    await sim.control.waitForPushes({ cmd: "oauth_finish" }, 1)
    const { push, verdict } = received.find((r) => r.push.cmd === "oauth_finish")!
    expect(verdict).toEqual({ ok: true })
    expect(push).toMatchObject({ cmd: "oauth_finish", machineCode: mc, orderId: null, originId: "v2push" })
  })
})
