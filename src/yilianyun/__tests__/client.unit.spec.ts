import http from "node:http"
import type { AddressInfo } from "node:net"
import { YilianyunClient } from "../client"
import { YilianyunError } from "../errors"
import { apiSign } from "../sign"

// A stub cloud on loopback: records each request and answers with the current handler.
interface Seen {
  url: string
  headers: http.IncomingHttpHeaders
  raw: string
  form: URLSearchParams
}
let server: http.Server
let baseUrl: string
let seen: Seen[] = []
let reply: (req: Seen, res: http.ServerResponse) => void

const CLIENT_ID = "1234567890"
const SECRET = "0123456789abcdef0123456789abcdef"
const TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
const NOW_MS = 1700000000123

const json = (res: http.ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(typeof body === "string" ? body : JSON.stringify(body))
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8")
      const entry = { url: req.url ?? "", headers: req.headers, raw, form: new URLSearchParams(raw) }
      seen.push(entry)
      reply(entry, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let client: YilianyunClient
beforeEach(() => {
  seen = []
  // Raw text: the 19-digit id must arrive as a bare JSON integer, as v2 sends it.
  reply = (_req, res) => json(res, '{"error":0,"error_description":"success","timestamp":1700000000,"body":{"id":2099743426000000001,"origin_id":"o1"}}')
  client = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: `${baseUrl}/v2`, now: () => NOW_MS, requestTimeoutMs: 400 })
})
afterEach(() => client.close())

async function rejection(promise: Promise<unknown>): Promise<YilianyunError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof YilianyunError) return e
    throw e
  }
  throw new Error("expected a YilianyunError")
}

describe("YilianyunClient.call", () => {
  it("POSTs a signed form with client_id, 10-digit timestamp, sign, uuid id and access_token", async () => {
    await client.call("print/index", { machine_code: "4004000001", n: 5, flag: true, skip: undefined, none: null }, { accessToken: TOKEN })
    const [req] = seen
    expect(req.url).toBe("/v2/print/index")
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=utf-8")
    expect(req.form.get("client_id")).toBe(CLIENT_ID)
    expect(req.form.get("timestamp")).toBe("1700000000")
    expect(req.form.get("sign")).toBe(apiSign(CLIENT_ID, 1700000000, SECRET))
    expect(req.form.get("sign")).toBe("a454103e01faed6b683635388367a24c")
    expect(req.form.get("id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(req.form.get("access_token")).toBe(TOKEN)
    expect(req.form.get("n")).toBe("5")
    expect(req.form.get("flag")).toBe("true")
    expect(req.form.has("skip")).toBe(false)
    expect(req.form.has("none")).toBe(false)
    expect(req.raw).not.toContain(SECRET)
  })

  it("uses a new uuid per call", async () => {
    await client.call("printer/cancelall", { machine_code: "1" }, { accessToken: TOKEN })
    await client.call("printer/cancelall", { machine_code: "1" }, { accessToken: TOKEN })
    expect(seen[0].form.get("id")).not.toBe(seen[1].form.get("id"))
  })

  it("delivers & + = % CJK and emoji in values intact, encoded once", async () => {
    const content = "A&B+C=D%20E 50% 桌号：3号桌 🍜🧾\n<FS2>总计¥12</FS2> a+b&c=d"
    await client.withToken(TOKEN).print.text({ machineCode: "4004000001", content, originId: "abc123" })
    expect(seen[0].form.get("content")).toBe(content)
    // Encoded exactly once: "&" travels as %26 (double encoding would give %2526).
    expect(seen[0].raw).toContain("content=A%26B%2BC%3DD%2520E")
  })

  it("refuses to let a caller override the signed common parameters", async () => {
    const err = await rejection(client.call("print/index", { sign: "x" }))
    expect(err.kind).toBe("protocol")
    expect(seen).toHaveLength(0)
  })

  it("returns the print id exactly as a string and origin_id", async () => {
    const res = await client.withToken(TOKEN).print.text({ machineCode: "4004000001", content: "hi", originId: "o1" })
    expect(res).toEqual({ id: "2099743426000000001", originId: "o1" })
    expect(seen[0].form.get("idempotence")).toBe("1")
  })

  it("sends idempotence=0 only when explicitly disabled", async () => {
    await client.withToken(TOKEN).print.text({ machineCode: "4004000001", content: "hi", originId: "o1", idempotence: false })
    expect(seen[0].form.get("idempotence")).toBe("0")
  })
})

describe("local preconditions fail before any request", () => {
  const api = () => client.withToken(TOKEN)
  it.each([
    ["origin_id with underscore", () => api().print.text({ machineCode: "4004000001", content: "x", originId: "order_01" })],
    ["origin_id of 33 chars", () => api().print.text({ machineCode: "4004000001", content: "x", originId: "a".repeat(33) })],
    ["empty content", () => api().print.text({ machineCode: "4004000001", content: "", originId: "a" })],
    ["volume 4", () => api().printer.setSound("4004000001", "horn", 4)],
    ["voice slot 10", () => api().voice.delete("4004000001", 10)],
    ["voice volume 0", () => api().voice.set({ machineCode: "4004000001", content: ["hi", 0, 0], isFile: false })],
    ["page size 101", () => api().printer.getOrderPagingList("4004000001", 1, 101)],
    ["bad picture url", () => api().picture.print({ machineCode: "4004000001", pictureUrl: "ftp://x/y.png", originId: "a" })],
    ["missing msign", () => api().printer.add({ machineCode: "4004000001" })],
    ["bad push cmd", () => api().pushUrl.set({ cmd: "oauth_nope" as never, url: "https://x.test/h", status: "open" })],
  ])("%s → protocol error, not retryable", async (_name, run) => {
    const err = await rejection(run())
    expect(err).toMatchObject({ kind: "protocol", retryable: false })
    expect(seen).toHaveLength(0)
  })

  it("rejects an empty token and missing credentials", () => {
    expect(() => client.withToken("")).toThrow(YilianyunError)
    expect(() => new YilianyunClient({ clientId: "", clientSecret: SECRET })).toThrow(/clientId/)
    expect(() => new YilianyunClient({ clientId: CLIENT_ID, clientSecret: "" })).toThrow(/clientSecret/)
    expect(() => new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: "open-api.10ss.net" })).toThrow(/apiUrl/)
  })
})

describe("failure mapping", () => {
  it("maps a cloud error code to kind api with the code and a sentence", async () => {
    reply = (_req, res) => json(res, { error: "35", error_description: "machine_code或msign错误" })
    const err = await rejection(client.withToken(TOKEN).printer.add({ machineCode: "4004000001", msign: "secretmsign12" }))
    expect(err).toMatchObject({ kind: "api", code: 35, retryable: false, path: "printer/addprinter" })
    expect(err.message).toMatch(/label on the printer/)
  })

  it("scrubs the client secret, access token and msign even when the cloud echoes them", async () => {
    reply = (req, res) => json(res, { error: "14", error_description: `bad: ${req.raw} secret=${SECRET}` })
    const err = await rejection(client.withToken(TOKEN).printer.add({ machineCode: "4004000001", msign: "secretmsign12" }))
    const everything = `${err.message} ${err.description} ${JSON.stringify(err)} ${err.stack}`
    for (const secret of [SECRET, TOKEN, "secretmsign12", apiSign(CLIENT_ID, 1700000000, SECRET)]) expect(everything).not.toContain(secret)
    expect(err.isTokenInvalid).toBe(true)
  })

  it("maps HTTP 502 to a retryable http error and 404 to a permanent one", async () => {
    reply = (_req, res) => json(res, "<html>502 Bad Gateway</html>", 502)
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "http", httpStatus: 502, retryable: true, code: null })
    reply = (_req, res) => json(res, "not here", 404)
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "http", httpStatus: 404, retryable: false })
  })

  it("maps a 200 with a non-JSON body to a protocol error", async () => {
    reply = (_req, res) => json(res, "<html>login to wifi</html>")
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "protocol", retryable: false, httpStatus: 200 })
  })

  it("maps no answer within requestTimeoutMs to a retryable timeout", async () => {
    reply = () => undefined // never answers
    const started = Date.now()
    const err = await rejection(client.call("print/index"))
    expect(err).toMatchObject({ kind: "timeout", retryable: true, code: null })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it("maps a refused connection to a retryable network error", async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const dead = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: `http://127.0.0.1:${port}/v2` })
    const err = await rejection(dead.call("print/index"))
    await dead.close()
    expect(err).toMatchObject({ kind: "network", retryable: true })
    expect(err.description).toMatch(/ECONNREFUSED/)
  })

  it("discards an oversized response, with or without a declared length", async () => {
    const small = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: baseUrl, maxResponseBytes: 1000 })
    try {
      const big = JSON.stringify({ error: 0, body: { content: "x".repeat(5000) } })
      reply = (_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(big) })
        res.end(big)
      }
      expect(await rejection(small.call("printer/getorderpaginglist"))).toMatchObject({ kind: "protocol", retryable: false })
      reply = (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" }) // chunked: no content-length
        res.write(big.slice(0, 3000))
        res.end(big.slice(3000))
      }
      expect(await rejection(small.call("printer/getorderpaginglist"))).toMatchObject({ kind: "protocol" })
      reply = (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.write('{"error":0,')
        res.end('"body":{"id":12345678901234567890}}')
      }
      expect(await small.call("printer/getorderstatus")).toEqual({ id: "12345678901234567890" })
    } finally {
      await small.close()
    }
  })

  it("fails calls after close() with a non-retryable error", async () => {
    await client.close()
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "network", retryable: false })
  })
})

describe("what happened to the request (reachedCloud / outcome)", () => {
  it("a refused connection and a DNS failure certainly never reached the cloud", async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    for (const apiUrl of [`http://127.0.0.1:${port}/v2`, "http://nothing-here.invalid/v2"]) {
      const dead = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl })
      try {
        const err = await rejection(dead.call("print/index"))
        expect(err).toMatchObject({ kind: "network", reachedCloud: false, outcome: "not_sent", retryable: true })
        expect(err.message).toMatch(/nothing was sent/)
      } finally {
        await dead.close()
      }
    }
  })

  it("a request written and then unanswered, cut off or answered 5xx has an unknown outcome", async () => {
    reply = () => undefined // never answers: the response timeout
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "timeout", reachedCloud: "unknown", outcome: "unknown" })
    reply = (_req, res) => res.socket?.destroy() // read the request, then cut the connection
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "network", reachedCloud: "unknown", outcome: "unknown", retryable: true })
    reply = (_req, res) => json(res, "<html>502</html>", 502)
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "http", reachedCloud: "unknown" })
    reply = (_req, res) => json(res, "<html>captive portal</html>")
    expect(await rejection(client.call("print/index"))).toMatchObject({ kind: "protocol", reachedCloud: "unknown" })
  })

  it("a cloud error code is a refusal: the cloud got the request and did not carry it out", async () => {
    reply = (_req, res) => json(res, { error: 10045, error_description: "系统繁忙，请稍后重试", timestamp: 1700000000 })
    const err = await rejection(client.call("print/index"))
    expect(err).toMatchObject({ kind: "api", code: 10045, codeType: "number", reachedCloud: true, outcome: "refused", retryable: true })
    reply = (_req, res) => json(res, { error: "9", error_description: "连接打印机失败,参数有误" })
    expect(await rejection(client.call("print/index"))).toMatchObject({ code: 9, codeType: "string", retryable: true })
  })

  it("a local check that fails before sending is not_sent and permanent", async () => {
    const err = await rejection(client.withToken(TOKEN).print.text({ machineCode: "4004000001", content: "x", originId: "bad_id" }))
    expect(err).toMatchObject({ kind: "protocol", reachedCloud: false, retryable: false })
    expect(seen).toHaveLength(0)
  })
})

describe("the cloud's clock", () => {
  it("hands every answer's timestamp to onServerTime, error answers included, and keeps the last", async () => {
    const samples: Array<[number, number, number]> = []
    const timed = new YilianyunClient({
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      apiUrl: `${baseUrl}/v2`,
      now: () => NOW_MS, // the signing clock does not leak into the measurement
      onServerTime: (serverSec, localMs, roundTripMs) => samples.push([serverSec, localMs, roundTripMs]),
    })
    try {
      expect(timed.lastServerTime).toBeUndefined()
      const before = Date.now()
      await timed.call("printer/getprintstatus")
      const after = Date.now()
      expect(samples).toHaveLength(1)
      const [serverSec, localMs, roundTripMs] = samples[0]
      expect(serverSec).toBe(1700000000)
      expect(localMs).toBeGreaterThanOrEqual(before)
      expect(localMs).toBeLessThanOrEqual(after)
      expect(roundTripMs).toBeGreaterThanOrEqual(0)
      expect(timed.lastServerTime).toEqual({ serverSec, localMs, roundTripMs })

      reply = (_req, res) => json(res, { error: 11, error_description: "sign验证失败", timestamp: "1700000100" })
      await rejection(timed.call("print/index"))
      expect(samples[1][0]).toBe(1700000100) // a string, and from an error answer

      reply = (_req, res) => json(res, { error: 0, error_description: "success", timestamp: 1700000200123 })
      await timed.call("print/index")
      expect(samples[2][0]).toBe(1700000200) // milliseconds scaled down

      reply = (_req, res) => json(res, { error: "0", error_description: "success", body: {} }) // v1: no timestamp
      await timed.call("print/index")
      expect(samples).toHaveLength(3)
      expect(timed.lastServerTime?.serverSec).toBe(1700000200)
    } finally {
      await timed.close()
    }
  })

  it("ignores a callback that throws", async () => {
    const timed = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: `${baseUrl}/v2`, onServerTime: () => { throw new Error("boom") } })
    try {
      await expect(timed.call("print/index")).resolves.toMatchObject({ origin_id: "o1" })
    } finally {
      await timed.close()
    }
  })
})

describe("getorderstatus per API version", () => {
  it.each([
    ["/v2", undefined, ["unprinted", "printed", "canceled"]],
    ["", undefined, ["unprinted_or_canceled", "printed", "canceled"]],
    ["", "v2" as const, ["unprinted", "printed", "canceled"]],
  ])("base %j (apiVersion %s) reads 0/1/2 as %j", async (prefix, apiVersion, expected) => {
    const versioned = new YilianyunClient({ clientId: CLIENT_ID, clientSecret: SECRET, apiUrl: `${baseUrl}${prefix}`, apiVersion })
    try {
      const statuses: string[] = []
      for (const status of [0, 1, 2]) {
        reply = (_req, res) => json(res, { error: 0, error_description: "success", body: { id: 1000000001, origin_id: "o1", status } })
        statuses.push((await versioned.withToken(TOKEN).printer.getOrderStatus("4004000001", "1000000001")).status)
      }
      expect(statuses).toEqual(expected)
      reply = (_req, res) => json(res, { error: 0, error_description: "success", body: [{ id: 1, origin_id: "a", status: 0, content: "", receiving_time: 1, print_time: 0 }] })
      expect((await versioned.withToken(TOKEN).printer.getOrderPagingList("4004000001"))[0].status).toBe(expected[0])
    } finally {
      await versioned.close()
    }
  })
})

describe("app menus", () => {
  it("URL-encodes name and URL inside the JSON content, as the document asks", async () => {
    reply = (_req, res) => json(res, { error: 0, error_description: "success" })
    await client.withToken(TOKEN).menu.add({ machineCode: "4004000001", menus: [["叫 服务员", "https://shop.test/call?t=3&x=a+b"]] })
    expect(seen[0].form.get("content")).toBe(JSON.stringify([encodeURIComponent("叫 服务员"), encodeURIComponent("https://shop.test/call?t=3&x=a+b")]))
    expect(JSON.parse(seen[0].form.get("content") as string)).toEqual(["%E5%8F%AB%20%E6%9C%8D%E5%8A%A1%E5%91%98", "https%3A%2F%2Fshop.test%2Fcall%3Ft%3D3%26x%3Da%2Bb"])
  })

  it("refuses a name over 18 bytes before sending (UTF-8: 6 Chinese characters, 18 letters)", async () => {
    reply = (_req, res) => json(res, { error: 0, error_description: "success" })
    const api = client.withToken(TOKEN)
    await api.menu.add({ machineCode: "4004000001", menus: [["一二三四五六", "https://s.test/"], ["a".repeat(18), "https://s.test/"]] })
    expect(seen).toHaveLength(2)
    for (const name of ["一二三四五六七", "a".repeat(19)]) {
      const err = await rejection(api.menu.add({ machineCode: "4004000001", menus: [[name, "https://s.test/"]] }))
      expect(err).toMatchObject({ kind: "protocol", retryable: false })
      expect(err.message).toMatch(/18/)
    }
    expect(seen).toHaveLength(2)
  })
})
