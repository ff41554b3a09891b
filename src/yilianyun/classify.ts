/**
 * What a cloud error answer means, without trusting one code table. v1 answers `error` as a
 * string and its codes 0–49 are documented (reference §6.1); v2 answers an integer and "replaced
 * the v1 codes with descriptive messages" — its table is a GAP (§6.2). So a code carries its v1
 * meaning only when the answer is v1-shaped (string `error`) or the cloud's own description is
 * the v1 text of that code; otherwise the description alone is read.
 */
import { isRetryableCode, isTokenInvalidCode } from "./codes"

/** The v1 texts (reference §6.1, the seed's examples, and the variants public copies carry). */
const V1_TEXTS: Readonly<Record<number, readonly string[]>> = {
  1: ["response_type非法"],
  2: ["client_id不存在"],
  3: ["redirect_uri不匹配"],
  4: ["client_id,response_type,state均不允许为空"],
  5: ["client_id或client_secret错误"],
  6: ["code错误或者已过期"],
  7: ["账号密码错误"],
  8: ["打印机信息错误"],
  9: ["连接打印机失败"],
  10: ["权限不足"],
  11: ["sign验证失败"],
  12: ["缺少必要参数"],
  13: ["打印失败"],
  14: ["access_token错误"],
  15: ["权限不能大于初次授权的权限"],
  16: ["不支持k1,k2,k3机型"],
  17: ["该打印机已被他人绑定", "该打印机已被绑定"],
  18: ["access_token过期或错误"],
  19: ["应用未上架或已下架"],
  20: ["refresh_token已过期"],
  21: ["关机重启失败", "关闭或重启失败"],
  22: ["声音调节设置失败", "声音设置失败"],
  23: ["获取机型和打印宽度失败"],
  24: ["没有要取消的订单", "操作失败,没有订单可以被取消"],
  25: ["获取机型软硬件版本失败", "未找到机型的硬件和软件版本"],
  26: ["取消logo失败"],
  27: ["请设置scope"],
  28: ["设置logo失败"],
  29: ["client_id,machine_code,qr_key不能为空"],
  30: ["machine_code,qr_key错误"],
  31: ["接口不支持自有应用服务模式"],
  32: ["订单确认设置失败"],
  33: ["uuid不合法"],
  34: ["非法参数", "非法操作"],
  35: ["machine_code或msign错误"],
  36: ["按键打印开启或关闭失败"],
  37: ["添加应用菜单失败"],
  38: ["应用菜单内容错误"],
  39: ["应用菜单个数超过最大个数"],
  40: ["应用菜单名称重复"],
  41: ["获取或更新access_token的次数"],
  42: ["该机型不支持面单打印"],
  43: ["shipper_type错误"],
  45: ["系统错误"],
  46: ["picture_url错误"],
  47: ["参数错误"],
  48: ["该机型或固件不支持此设置"],
  49: ["错误"],
}

/** Lower case, no spaces or punctuation (half- or full-width), so variants of one text compare equal. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s,，.。!！:：;；、()（）"'“”‘’\[\]【】]/g, "")
}

/** Whether `description` is (starts with) the v1 table's text for `code`. */
export function matchesV1Text(code: number, description: string): boolean {
  const texts = V1_TEXTS[code]
  if (!texts) return false
  const said = normalise(description)
  return texts.some((text) => said.startsWith(normalise(text)))
}

const TOKEN_MENTION = /access[\s_-]?token|(?<![a-z_])token(?![a-z_])|令牌/i
const REFRESH_TOKEN = /refresh[\s_-]?token|刷新令牌/gi
const INVALID_WORDS = /无效|过期|失效|错误|不正确|不存在|非法|已被替换|invalid|expired|wrong|incorrect|revoked|not exist|unknown/i
const QUOTA_WORDS = /次数|上限|限制|频繁|limit|quota|exceed|too many/i

/**
 * The cloud's words say the access token is wrong, expired or revoked — in Chinese or English:
 * "access_token过期或错误", "access_token已失效", "token expired", "invalid access token".
 * A refresh token's expiry or a token-quota message is not that.
 */
export function describesInvalidToken(description: string): boolean {
  const text = description.replace(REFRESH_TOKEN, " ")
  return TOKEN_MENTION.test(text) && INVALID_WORDS.test(text) && !QUOTA_WORDS.test(text)
}

const TRANSIENT_WORDS =
  /繁忙|稍后|重试|超时|系统错误|系统异常|服务异常|内部错误|离线|不在线|连接打印机失败|busy|try again|later|timed? ?out|temporar|unavailable|internal error|system error|offline/i

/** The cloud's words say the refusal is passing (busy, offline, "try again later"). */
export function describesTransientRefusal(description: string): boolean {
  return TRANSIENT_WORDS.test(description)
}

export interface CloudRefusal {
  code: number
  description: string
  /** How the cloud wrote `error`: "string" = v1-shaped; "number" = v2 (or v1 codes sent as ints); null = unknown. */
  codeType: "string" | "number" | null
}

export interface RefusalMeaning {
  /** "v1": the code means what the v1 table says; "unknown": only the description can be read. */
  table: "v1" | "unknown"
  tokenInvalid: boolean
  /** Resending the same request later may succeed (the cause is passing). */
  transient: boolean
}

/**
 * Reads a cloud error answer. A v1 meaning is trusted for a v1-shaped answer or when the
 * description is that code's v1 text; token trouble is also recognised by the description
 * alone; an unknown code is "transient" only when its description says so — a cloud refusal
 * whose cause is not known to pass is treated as permanent (the merchant sees the cloud's words).
 */
export function classifyRefusal(refusal: CloudRefusal): RefusalMeaning {
  const table = refusal.codeType === "string" || matchesV1Text(refusal.code, refusal.description) ? "v1" : "unknown"
  const tokenInvalid = (table === "v1" && isTokenInvalidCode(refusal.code)) || describesInvalidToken(refusal.description)
  const transient =
    !tokenInvalid && (table === "v1" ? isRetryableCode(refusal.code) : describesTransientRefusal(refusal.description))
  return { table, tokenInvalid, transient }
}
