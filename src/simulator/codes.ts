// The cloud's numeric result codes and the descriptions the simulator answers with.
// v2 dropped the published table (reference §6.2); the v1 wording (reference §6.1, seed examples)
// is the best-known text, so it is used verbatim where the seed shows it.

export const CLOUD_CODES = {
  SUCCESS: 0,
  CLIENT_ID_UNKNOWN: 2,
  PRINTER_INFO_WRONG: 8,
  PRINTER_UNREACHABLE: 9,
  NO_PERMISSION: 10,
  SIGN_FAILED: 11,
  MISSING_PARAMETER: 12,
  ACCESS_TOKEN_MALFORMED: 14,
  MODEL_UNSUPPORTED_K123: 16,
  ALREADY_BOUND_ELSEWHERE: 17,
  ACCESS_TOKEN_INVALID: 18,
  REFRESH_TOKEN_EXPIRED: 20,
  NOTHING_TO_CANCEL: 24,
  DELETE_ICON_FAILED: 26,
  SCOPE_MISSING: 27,
  SET_ICON_FAILED: 28,
  NOT_FOR_SELF_OWNED_APPS: 31,
  UUID_INVALID: 33,
  ILLEGAL_PARAMETER: 34,
  MSIGN_WRONG: 35,
  MENU_NOT_JSON_ARRAY: 38,
  TOO_MANY_MENUS: 39,
  DUPLICATE_MENU_NAME: 40,
  TOKEN_QUOTA_EXCEEDED: 41,
  WAYBILL_UNSUPPORTED: 42,
  SYSTEM_ERROR: 45,
  PICTURE_URL_WRONG: 46,
  PARAMETER_ERROR: 47,
  SETTING_UNSUPPORTED: 48,
} as const

const DESCRIPTIONS: Record<number, string> = {
  0: "success",
  1: "response_type非法",
  2: "client_id不存在",
  3: "redirect_uri不匹配",
  4: "client_id,response_type,state均不允许为空",
  5: "client_id或client_secret错误",
  6: "code错误或者已过期",
  7: "账号密码错误",
  8: "打印机信息错误,参数有误",
  9: "连接打印机失败,参数有误",
  10: "权限不足",
  11: "sign验证失败",
  12: "缺少必要参数",
  13: "打印失败,参数有误",
  14: "access_token错误",
  15: "权限不能大于初次授权的权限",
  16: "不支持k1,k2,k3机型",
  17: "该打印机已被他人绑定",
  18: "access_token过期或错误,请刷新access_token或者重新授权",
  19: "应用未上架或已下架",
  20: "refresh_token已过期,请重新授权",
  21: "关机重启失败",
  22: "声音调节设置失败",
  23: "获取机型和打印宽度失败",
  24: "没有要取消的订单",
  25: "获取机型软硬件版本失败",
  26: "取消logo失败",
  27: "请设置scope,权限默认为all",
  28: "设置logo失败",
  29: "client_id,machine_code,qr_key不能为空",
  30: "machine_code,qr_key错误",
  31: "接口不支持自有应用服务模式",
  32: "订单确认设置失败",
  33: "Uuid不合法",
  34: "非法参数",
  35: "machine_code或msign错误",
  36: "按键打印开启或关闭失败",
  37: "添加应用菜单失败",
  38: "应用菜单内容错误,不能为空,必须是json数组",
  39: "应用菜单个数超过最大个数",
  40: "应用菜单名称重复",
  41: "获取或更新access_token的次数,已超过最大限制次数!",
  42: "该机型不支持面单打印",
  43: "shipper_type错误",
  45: "系统错误!请立即反馈",
  46: "picture_url错误或格式错误",
  47: "参数错误",
  48: "该机型或固件不支持此设置",
  49: "错误",
}

export function describeCode(code: number): string {
  return DESCRIPTIONS[code] ?? "错误"
}

/**
 * behavior.errorCodes "v2": the 2023 changelog says v2 replaced the v1 codes with descriptive
 * messages, and its table is a GAP. The simulator plays that with numbers outside the v1 table
 * (10000 + the v1 code — invented, so a client cannot rely on them) and sentences of its own.
 */
export const V2_CODE_OFFSET = 10_000

const V2_DESCRIPTIONS: Record<number, string> = {
  2: "应用不存在，请检查client_id",
  8: "终端号格式不正确",
  9: "打印机离线或无法连接，请稍后重试",
  10: "没有该终端的操作权限，请先绑定或授权",
  11: "签名验证失败，请检查client_id、timestamp与client_secret",
  12: "缺少必填参数",
  14: "access_token无效，请检查后重试",
  16: "暂不支持该机型",
  17: "该终端已被其他账号绑定",
  18: "access_token已过期或已失效，请重新获取",
  20: "refresh_token已过期，请重新授权",
  24: "没有可以取消的订单",
  26: "取消logo失败",
  27: "scope参数不正确，请传all",
  28: "设置logo失败，请检查图片地址",
  31: "自有型应用不支持此接口",
  33: "请求id须为UUID4",
  34: "参数不合法",
  35: "终端号或终端密钥不正确",
  38: "应用菜单内容格式不正确",
  39: "应用菜单数量已达上限",
  40: "应用菜单名称已存在",
  41: "今日获取access_token的次数已达上限",
  42: "该机型不支持面单打印",
  45: "系统繁忙，请稍后重试",
  46: "图片地址不正确或格式不支持",
  47: "参数有误",
  48: "该机型或固件版本不支持此功能",
  49: "请求失败",
}

/** The code and text answered for a v1-table code under behavior.errorCodes "v2". */
export function v2StyleError(code: number): { code: number; description: string } {
  if (code === 0) return { code: 0, description: "success" }
  return { code: V2_CODE_OFFSET + code, description: V2_DESCRIPTIONS[code] ?? "请求失败" }
}

/** A business error: answered with HTTP 200 and the cloud envelope. */
export class CloudError extends Error {
  constructor(
    readonly code: number,
    /** Extra words appended to the standard description (which parameter, why). */
    readonly detail?: string
  ) {
    super(detail ? `${describeCode(code)}: ${detail}` : describeCode(code))
    this.name = "CloudError"
  }
}
