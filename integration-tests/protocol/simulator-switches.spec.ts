// The simulator's behaviour switches (issue 12): each is driven over real HTTP with the raw signer
// of raw-cloud.ts, never the plugin's client.
import { startSimulator, type Simulator } from "../../src/simulator"
import { idsInText, md5, nowSec, rawCloud, startPushReceiver, type PushReceiver } from "./raw-cloud"

let sim: Simulator
let cloud: ReturnType<typeof rawCloud>
let receiver: PushReceiver

beforeAll(async () => {
  sim = await startSimulator({ finishDelayMs: 20, pushRetryIntervalMs: 50, pushTimeoutMs: 1000, hangCapMs: 5000 })
  cloud = rawCloud(sim)
  receiver = await startPushReceiver()
})

afterAll(async () => {
  await receiver.close()
  await sim.close()
})

beforeEach(async () => {
  await sim.control.reset()
  receiver.bodies.length = 0
  receiver.probes = 0
  receiver.probeAnswer = '{"data":"OK"}'
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function print(token: string, mc: string, originId: string, content = "hello", idempotence?: "0" | "1") {
  const fields: Record<string, string> = { access_token: token, machine_code: mc, content, origin_id: originId }
  if (idempotence !== undefined) fields.idempotence = idempotence
  return cloud.api("print/index", fields)
}

describe("print ids", () => {
  it("are 10-digit integers that grow, and a restarted simulator continues above the last run's", async () => {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    const first = idsInText((await print(token, mc, "a1")).text)[0]
    const second = idsInText((await print(token, mc, "a2")).text)[0]
    expect(first).toMatch(/^\d{10}$/)
    expect(Number(second)).toBeGreaterThan(Number(first))
    await sim.control.reset() // a reset does not rewind them either
    const freshToken = await cloud.token()
    const afterReset = idsInText((await print(freshToken, await cloud.boundPrinter(freshToken), "a3")).text)[0]
    expect(Number(afterReset)).toBeGreaterThan(Number(second))

    // "npm run demo" twice on kept data: the second simulator must not hand out the first one's
    // ids. Ids follow the clock at 10 per second; this run issued 3, so it is at most 0.3 s ahead.
    await sleep(400)
    const restarted = await startSimulator({ finishDelayMs: 20 })
    try {
      const other = rawCloud(restarted)
      const otherToken = await other.token()
      const next = idsInText((await other.api("print/index", {
        access_token: otherToken,
        machine_code: await other.boundPrinter(otherToken),
        content: "x",
        origin_id: "b1",
      })).text)[0]
      expect(next).toMatch(/^\d{10}$/)
      expect(Number(next)).toBeGreaterThan(Number(afterReset))
    } finally {
      await restarted.close()
    }
  })

  it("printIdDigits 19: ids above 2^53 written as bare JSON integers", async () => {
    await sim.control.setBehavior({ printIdDigits: 19 })
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    const answer = await print(token, mc, "big1")
    const [id] = idsInText(answer.text)
    expect(id).toMatch(/^\d{19}$/)
    expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
    expect((await sim.control.prints({ originId: "big1" }))[0].printId).toBe(id)
  })
})

describe("idempotence", () => {
  it("a print without the field is deduplicated (v2: the default is 1)", async () => {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    const first = await print(token, mc, "same1")
    const again = await print(token, mc, "same1")
    expect(idsInText(again.text)).toEqual(idsInText(first.text))
    await sim.control.waitForPaper(mc, 1)
    await sleep(100)
    expect(await sim.control.paper(mc)).toHaveLength(1)
  })

  it("defaultIdempotence 0 plays the v1 reading: a missing field prints twice", async () => {
    await sim.control.setBehavior({ defaultIdempotence: 0 })
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    const first = await print(token, mc, "same2")
    const again = await print(token, mc, "same2")
    expect(idsInText(again.text)).not.toEqual(idsInText(first.text))
    await sim.control.waitForPaper(mc, 2)
  })
})

describe("finish pushes", () => {
  async function finishPushFor(originId: string): Promise<{ raw: string; fields: URLSearchParams }> {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    await sim.control.setPushTarget({ cmd: "oauth_finish", url: receiver.url })
    await print(token, mc, originId)
    await sim.control.waitForPushes({ cmd: "oauth_finish" }, 1)
    const raw = receiver.bodies[0]
    return { raw, fields: new URLSearchParams(raw) }
  }

  it("name the print by order_id by default", async () => {
    const { fields } = await finishPushFor("f1")
    expect(fields.get("order_id")).toMatch(/^\d{10}$/)
    expect(fields.get("origin_id")).toBe("f1")
  })

  it("finishOrderId absent: v2-style, origin_id only", async () => {
    await sim.control.setBehavior({ finishOrderId: "absent" })
    const { raw, fields } = await finishPushFor("f2")
    expect(fields.has("order_id")).toBe(false)
    expect(raw).not.toMatch(/order_id/)
    expect(fields.get("origin_id")).toBe("f2")
    expect(fields.get("sign")).toBe(md5(sim.clientId + fields.get("push_time") + sim.clientSecret))
  })

  it("finishOrderId empty: an empty order_id= field", async () => {
    await sim.control.setBehavior({ finishOrderId: "empty" })
    const { raw, fields } = await finishPushFor("f3")
    expect(raw).toMatch(/(^|&)order_id=(&|$)/)
    expect(fields.get("origin_id")).toBe("f3")
  })
})

describe("a skewed cloud clock", () => {
  it("offsets push_time and every answer's timestamp by clockSkewSec", async () => {
    await sim.control.setBehavior({ clockSkewSec: -90 })
    const before = nowSec()
    const answer = await cloud.api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    expect(answer.json.error).toBe(0)
    expect(answer.json.timestamp).toBeGreaterThanOrEqual(before - 90 - 1)
    expect(answer.json.timestamp).toBeLessThanOrEqual(nowSec() - 90)
    const refused = await cloud.api("oauth/oauth", { grant_type: "client_credentials", scope: "all", sign: "x" })
    expect(refused.json.timestamp).toBeLessThanOrEqual(nowSec() - 90)

    const mc = (await sim.control.addDevice({ bound: true })).machineCode
    await sim.control.setPushTarget({ cmd: "oauth_printStatus", url: receiver.url })
    await sim.control.setPrinterState(mc, "offline")
    await sim.control.waitForPushes({ cmd: "oauth_printStatus" }, 1)
    const pushTime = Number(new URLSearchParams(receiver.bodies[0]).get("push_time"))
    expect(nowSec() - pushTime).toBeGreaterThanOrEqual(89)
    expect(nowSec() - pushTime).toBeLessThanOrEqual(92)
  })
})

describe("push URL registration", () => {
  it("GET-probes the URL by default and refuses one that does not answer {\"data\":\"OK\"}", async () => {
    const token = await cloud.token()
    const ok = await cloud.api("oauth/setpushurl", { access_token: token, cmd: "oauth_finish", url: receiver.url, status: "open" })
    expect(ok.json.error).toBe(0)
    expect(receiver.probes).toBe(1)

    receiver.probeAnswer = '{"message":"ok"}'
    const refused = await cloud.api("oauth/setpushurl", { access_token: token, cmd: "oauth_getOrder", url: receiver.url, status: "open" })
    expect(refused.json.error).toBe(34)
    expect(refused.json.error_description).toMatch(/data/)
    expect((await sim.control.pushTargets()).map((t) => t.cmd)).toEqual(["oauth_finish"])

    await sim.control.setBehavior({ probePushUrls: false })
    const unprobed = await cloud.api("oauth/setpushurl", { access_token: token, cmd: "oauth_getOrder", url: receiver.url, status: "open" })
    expect(unprobed.json.error).toBe(0)
    expect(receiver.probes).toBe(2)
  })

  it("refuseUndocumentedCommands: v2 refuses oauth_request (34), v1 accepts it", async () => {
    const token = await cloud.token()
    const fields = { access_token: token, cmd: "oauth_request", url: receiver.url, status: "open" }
    expect((await cloud.api("oauth/setpushurl", fields)).json.error).toBe(0) // off by default: the cloud's answer is unknown
    await sim.control.setBehavior({ refuseUndocumentedCommands: true })
    const v2 = await cloud.api("oauth/setpushurl", fields)
    expect(v2.json.error).toBe(34)
    expect(v2.json.error_description).toMatch(/oauth_finish\|oauth_getOrder\|oauth_printStatus/)
    expect((await cloud.api("oauth/setpushurl", fields, { prefix: "" })).json.error).toBe(0)
    for (const cmd of ["oauth_finish", "oauth_getOrder", "oauth_printStatus"]) {
      expect((await cloud.api("oauth/setpushurl", { ...fields, cmd })).json.error).toBe(0)
    }
  })
})

describe("app menus", () => {
  async function addMenu(content: string) {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    const answer = await cloud.api("printmenu/addprintmenu", { access_token: token, machine_code: mc, content })
    return { answer, mc }
  }

  it("checkMenuEncoding: name and URL must be URL-encoded inside the JSON; the name ≤ 18 UTF-8 bytes", async () => {
    await sim.control.setBehavior({ checkMenuEncoding: true })
    const raw = await addMenu(JSON.stringify(["Call staff", "https://shop.test/menu?a=1&b=2"]))
    expect(raw.answer.json.error).toBe(38)

    const encoded = await addMenu(JSON.stringify([encodeURIComponent("叫服务员"), encodeURIComponent("https://shop.test/menu?a=1&b=2")]))
    expect(encoded.answer.json.error).toBe(0)
    const device = (await sim.control.devices()).find((d) => d.machineCode === encoded.mc)!
    expect(device.menus).toEqual([["叫服务员", "https://shop.test/menu?a=1&b=2"]])

    const sixCjk = await addMenu(JSON.stringify([encodeURIComponent("一二三四五六"), encodeURIComponent("https://s.test/")]))
    expect(sixCjk.answer.json.error).toBe(0) // 18 bytes
    const sevenCjk = await addMenu(JSON.stringify([encodeURIComponent("一二三四五六七"), encodeURIComponent("https://s.test/")]))
    expect(sevenCjk.answer.json.error).toBe(38) // 21 bytes
    expect(sevenCjk.answer.json.error_description).toMatch(/18/)
  })

  it("without the switch a raw menu is accepted and an encoded one decoded", async () => {
    expect((await addMenu(JSON.stringify(["Call", "https://shop.test/x"]))).answer.json.error).toBe(0)
    const { mc } = await addMenu(JSON.stringify([encodeURIComponent("a b"), encodeURIComponent("https://s.test/?q=1")]))
    expect((await sim.control.devices()).find((d) => d.machineCode === mc)!.menus).toEqual([["a b", "https://s.test/?q=1"]])
  })
})

describe("error answers", () => {
  it("errorCodes v2: codes outside the v1 table with descriptive texts", async () => {
    await sim.control.setBehavior({ errorCodes: "v2" })
    const token = await cloud.token()
    await sim.control.revokeToken()
    const answer = await cloud.api("printer/getprintstatus", { access_token: token, machine_code: "4004000001" })
    expect(answer.json.error).toBe(10018)
    expect(answer.json.error_description).toMatch(/access_token.*(过期|失效)/)
    const fault = await (async () => {
      await sim.control.setFaults({ errorNext: { code: 10777, description: "打印机忙碌，请稍后再试" } })
      return cloud.api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    })()
    expect(fault.json).toMatchObject({ error: 10777, error_description: "打印机忙碌，请稍后再试" })
  })

  it("errorType string: error written as a JSON string, success included", async () => {
    await sim.control.setBehavior({ errorType: "string" })
    const ok = await cloud.api("oauth/oauth", { grant_type: "client_credentials", scope: "all" })
    expect(ok.text).toMatch(/^\{"error":"0",/)
    const bad = await cloud.api("oauth/oauth", { grant_type: "client_credentials", scope: "all", sign: "nope" })
    expect(bad.json.error).toBe("11")
  })
})

describe("paper", () => {
  it("prints a voice tag literally on a model or firmware that lacks it", async () => {
    const token = await cloud.token()
    const oldK4 = await cloud.boundPrinter(token, { model: "K4" })
    await print(token, oldK4, "v1", "<VN>1</VN>hello")
    const [slip] = await sim.control.waitForPaper(oldK4, 1)
    expect(slip.lines[0]).toBe("<VN>1</VN>hello")

    const newK4 = await cloud.boundPrinter(token, { model: "K4", firmware: "a8.5.0" })
    await print(token, newK4, "v2", "<VN>1</VN>hello")
    expect((await sim.control.waitForPaper(newK4, 1))[0].lines[0]).toBe("hello")

    // <audio> only on "A" models, and not on a K4 with the new (a8.5.0+) firmware.
    const speaking = await cloud.boundPrinter(token, { model: "K4-WAD" })
    await print(token, speaking, "v3", "<audio>hi,5,0</audio>ok")
    expect((await sim.control.waitForPaper(speaking, 1))[0].lines[0]).toBe("ok")
    await sim.control.setFirmware(speaking, "a8.6.0")
    await print(token, speaking, "v4", "<audio>hi,5,0</audio>ok")
    expect((await sim.control.waitForPaper(speaking, 2))[1].lines[0]).toBe("<audio>hi,5,0</audio>ok")

    await sim.control.setBehavior({ literalUnsupportedTags: false })
    await print(token, oldK4, "v5", "<VN>1</VN>hello")
    expect((await sim.control.waitForPaper(oldK4, 2))[1].lines[0]).toBe("hello")
  })

  it("reports each device's firmware through printer/getversion", async () => {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token, { model: "K4", firmware: "a8.5.0" })
    const version = await cloud.api("printer/getversion", { access_token: token, machine_code: mc })
    expect(version.json.body).toEqual({ hardware: "a8.5.0", software: "K4-WAD" })
    await sim.control.setFirmware(mc, "a7")
    expect((await cloud.api("printer/getversion", { access_token: token, machine_code: mc })).json.body.hardware).toBe("a7")
  })
})

describe("a request that lands late", () => {
  it("gets no answer, and the print is queued only after delayMs", async () => {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    const other = await cloud.boundPrinter(token)
    await sim.control.setFaults({ lateNext: { count: 1, delayMs: 400, machineCode: mc } })

    // Another printer's call is untouched by the targeted fault.
    expect((await print(token, other, "o1")).json.error).toBe(0)

    const fields = { access_token: token, machine_code: mc, content: "hello", origin_id: "late1", idempotence: "0" }
    const timedOut = await cloud.api("print/index", fields, { signal: AbortSignal.timeout(150) }).then(
      () => "answered",
      (error: Error) => error.name
    )
    expect(timedOut).toBe("TimeoutError")
    expect(await sim.control.prints({ originId: "late1" })).toHaveLength(0)

    // The client "knows" the call never arrived and sends again, without idempotence: two prints.
    expect((await print(token, mc, "late1", "hello", "0")).json.error).toBe(0)
    await sim.control.waitFor(async () => (await sim.control.prints({ originId: "late1" })).length === 2, { timeoutMs: 3000 })
    await sim.control.waitForPaper(mc, 2)
  }, 20_000)

  it("with idempotence the late arrival is deduplicated against the resend", async () => {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    await sim.control.setFaults({ lateNext: { delayMs: 300 } })
    await expect(cloud.api("print/index", { access_token: token, machine_code: mc, content: "x", origin_id: "late2", idempotence: "1" }, { signal: AbortSignal.timeout(150) })).rejects.toThrow()
    const resent = await print(token, mc, "late2", "x", "1")
    await sleep(500)
    expect((await sim.control.prints({ originId: "late2" })).map((p) => p.printId)).toEqual(idsInText(resent.text))
    expect(await sim.control.faults()).toMatchObject({ lateNext: null })
  })
})

describe("order status", () => {
  it("orderStatus v1 reports a canceled print as 0 (v2: 2)", async () => {
    const token = await cloud.token()
    const mc = await cloud.boundPrinter(token)
    await sim.control.setPrinterState(mc, "offline", { push: false })
    const [id] = idsInText((await print(token, mc, "c1")).text)
    expect((await cloud.api("printer/cancelone", { access_token: token, machine_code: mc, order_id: id })).json.error).toBe(0)
    const status = () => cloud.api("printer/getorderstatus", { access_token: token, machine_code: mc, order_id: id })
    expect((await status()).json.body.status).toBe(2)
    await sim.control.setBehavior({ orderStatus: "v1" })
    expect((await status()).json.body.status).toBe(0)
    const list = await cloud.api("printer/getorderpaginglist", { access_token: token, machine_code: mc, page_index: "1", page_size: "10" })
    expect(list.json.body[0].status).toBe(0)
  })
})

describe("switches and reset", () => {
  it("setBehavior names a wrong switch; reset returns to the values the simulator started with", async () => {
    await expect(sim.control.setBehavior({ printIdDigits: 12 } as never)).rejects.toThrow(/printIdDigits must be 10 or 19/)
    await expect(sim.control.setBehavior({ nope: true } as never)).rejects.toThrow(/unknown behavior switch nope/)
    await sim.control.setBehavior({ finishOrderId: "absent", clockSkewSec: 30 })
    expect(await sim.control.behavior()).toMatchObject({ finishOrderId: "absent", clockSkewSec: 30, probePushUrls: true })
    await sim.control.reset()
    expect(await sim.control.behavior()).toMatchObject({ finishOrderId: "present", clockSkewSec: 0 })

    const custom = await startSimulator({ behavior: { printIdDigits: 19, errorType: "string" }, probePushUrls: false })
    try {
      await custom.control.setBehavior({ printIdDigits: 10 })
      await custom.control.reset()
      expect(await custom.control.behavior()).toMatchObject({ printIdDigits: 19, errorType: "string", probePushUrls: false })
    } finally {
      await custom.close()
    }
  })
})
