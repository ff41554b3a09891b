// The official Node SDK (npm yly-nodejs-sdk 1.0.2, the only version on the registry) as a client
// of the simulator: every call it makes must pass, with print ids it can hold — it checks
// `order_id` with lodash's isNumber and reads answers with JSON.parse, so ids must be JS-safe.
// The SDK throws inside its HTTP callback on a network error (an uncaught exception), so every
// call here targets a live simulator; its answers are checked as the SDK's demo does (`error`).
import { startSimulator, type Simulator } from "../../src/simulator"
import { startPushReceiver, type PushReceiver } from "./raw-cloud"

// No type declarations ship with the SDK.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yly = require("yly-nodejs-sdk") as Record<string, any>

interface SdkAnswer {
  error: number | string
  error_description: string
  body?: any
}

let sim: Simulator
let receiver: PushReceiver

beforeAll(async () => {
  sim = await startSimulator({ finishDelayMs: 20, pushRetryIntervalMs: 50 })
  receiver = await startPushReceiver()
})

afterAll(async () => {
  await receiver.close()
  await sim.close()
})

beforeEach(async () => {
  await sim.control.reset()
})

/** Fails with the cloud's words unless the SDK call answered error 0 (as its demo checks). */
async function ok(call: Promise<SdkAnswer>): Promise<SdkAnswer> {
  const answer = await call
  if (Number(answer.error) !== 0) throw new Error(`SDK call refused: ${answer.error} ${answer.error_description}`)
  return answer
}

// The SDK's own default base is the v1 layout ("https://open-api.10ss.net/"); its GitHub
// successor uses /v2/. Both are served.
describe.each([
  ["v1 paths", ""],
  ["v2 paths", "/v2"],
])("official Node SDK over %s", (_label, prefix) => {
  function sdk() {
    const config = new yly.Config({ cid: sim.clientId, secret: sim.clientSecret })
    config.setUrl(`${sim.url}${prefix}/`)
    return config
  }

  it("passes every call it makes, with print ids it can hold", async () => {
    const config = sdk()
    const oauth = new yly.OauthClinet(config)
    const first = await ok(oauth.getToken())
    expect(first.body.access_token).toMatch(/^[0-9a-f]{32}$/)
    const token = await ok(oauth.refreshToken(first.body.refresh_token))
    const rpc = new yly.RpcClient(token.body.access_token, config)
    const printer = new yly.Printer(rpc)
    const print = new yly.Print(rpc)

    const device = await sim.control.addDevice({ model: "K4" })
    const mc = device.machineCode
    await ok(printer.addPrinter(mc, device.msign, "Kitchen", ""))
    await ok(new yly.Oauth(rpc).setPushUrl("oauth_finish", receiver.url, "open"))

    // Text print: no idempotence field (the SDK never sends one) → deduplicated as v2 says.
    const printed = await ok(print.index(mc, "sdk1", "<FS2><center>#1</center></FS2>\n牛肉面 x1\n"))
    expect(Number.isSafeInteger(printed.body.id)).toBe(true)
    expect(String(printed.body.id)).toMatch(/^\d{10}$/)
    const again = await ok(print.index(mc, "sdk1", "<FS2><center>#1</center></FS2>\n牛肉面 x1\n"))
    expect(again.body.id).toBe(printed.body.id)
    await sim.control.waitForPaper(mc, 1)
    await sim.control.waitForPushes({ cmd: "oauth_finish" }, 1)

    const status = await ok(printer.getOrderStatus(mc, printed.body.id))
    expect(status.body).toMatchObject({ id: printed.body.id, origin_id: "sdk1", status: 1 })
    const list = await ok(printer.getOrderPagingList(mc, 1, 10))
    expect(list.body[0]).toMatchObject({ id: printed.body.id, status: 1 })

    await sim.control.setPrinterState(mc, "offline", { push: false })
    const queued = await ok(print.index(mc, "sdk2", "two"))
    await ok(printer.cancelOne(mc, queued.body.id))
    await ok(print.index(mc, "sdk3", "three"))
    await ok(printer.cancelAll(mc))
    await sim.control.setPrinterState(mc, "online", { push: false })

    await ok(new yly.PicturePrint(rpc).index(mc, "https://shop.test/logo.png", "sdk4"))
    const menu = JSON.stringify([encodeURIComponent("叫服务员"), encodeURIComponent("https://shop.test/call?t=3")])
    await ok(new yly.PrintMenu(rpc).addPrintMenu(mc, menu))

    await ok(printer.setVoice(mc, JSON.stringify(["新订单", 5, 0]), "", false))
    await ok(printer.deleteVoice(mc, "0")) // the SDK refuses a numeric aid (its isNumber check is inverted)
    await ok(printer.shutdownRestart(mc, "restart"))
    await ok(printer.setsound(mc, 2, "horn"))
    expect((await ok(printer.getPrintInfo(mc))).body).toMatchObject({ print_width: "58mm" })
    expect((await ok(printer.getVersion(mc))).body).toMatchObject({ software: "K4-WAD" })
    await ok(printer.setIcon(mc, "https://shop.test/logo.png"))
    await ok(printer.deleteIcon(mc))
    await ok(printer.btnPrint(mc, "btnopen"))
    await ok(printer.btnPrint(mc, "btnclose"))
    await ok(printer.getOrder(mc, "open"))
    await ok(printer.getOrder(mc, "close"))
    expect((await ok(printer.getPrintStatus(mc))).body).toMatchObject({ state: 1 })

    const k5 = await sim.control.addDevice({ model: "K5" })
    await ok(printer.addPrinter(k5.machineCode, k5.msign))
    const waybill = { ShipperCode: "SF", OrderCode: "W1", Receiver: { Name: "张三", Address: "上海" } }
    await ok(new yly.ExpressPrint(rpc).index(k5.machineCode, JSON.stringify(waybill), "sdk5", 1))

    await ok(printer.deletePrinter(mc))
    expect((await sim.control.printers()).map((p) => p.machineCode)).toEqual([k5.machineCode])
  })
})
