import type { BoundCall } from "../types"
import type { ApiVersion } from "../version"
import { ExpressApi } from "./express"
import { MenuApi } from "./menu"
import { PictureApi } from "./picture"
import { PrintApi } from "./print"
import { PrinterApi } from "./printer"
import { PushUrlApi } from "./push-url"
import { VoiceApi } from "./voice"

/** Every API area bound to one access token (`client.withToken(token)`). */
export class YilianyunTokenApi {
  readonly printer: PrinterApi
  readonly print: PrintApi
  readonly picture: PictureApi
  readonly express: ExpressApi
  readonly voice: VoiceApi
  readonly menu: MenuApi
  readonly pushUrl: PushUrlApi

  /** `version` (default "v2") decides v1/v2 readings of answers, e.g. getorderstatus's 0. */
  constructor(call: BoundCall, version: ApiVersion = "v2") {
    this.printer = new PrinterApi(call, version)
    this.print = new PrintApi(call)
    this.picture = new PictureApi(call)
    this.express = new ExpressApi(call)
    this.voice = new VoiceApi(call)
    this.menu = new MenuApi(call)
    this.pushUrl = new PushUrlApi(call)
  }
}
