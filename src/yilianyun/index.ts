/** Yilianyun (易联云) Open API SDK: signed client, typed API areas, push parsing. No Medusa imports. */
export { YilianyunClient, YILIANYUN_API_URL, YILIANYUN_API_URL_OVERSEAS, YILIANYUN_API_URL_ALTERNATIVE } from "./client"
export { YilianyunTokenApi } from "./api/token-api"
export { OauthApi } from "./api/oauth"
export { PrinterApi } from "./api/printer"
export { PrintApi } from "./api/print"
export { PictureApi } from "./api/picture"
export { ExpressApi } from "./api/express"
export { VoiceApi } from "./api/voice"
export { MenuApi, MAX_MENU_NAME_BYTES, menuContent, menuNameBytes } from "./api/menu"
export { PushUrlApi } from "./api/push-url"
export {
  YilianyunError,
  describeYilianyunCode,
  isRetryableCode,
  isTokenInvalidCode,
  scrubSecrets,
  REDACTED,
} from "./errors"
export type { YilianyunErrorKind, YilianyunErrorInit, ReachedCloud, YilianyunOutcome } from "./errors"
export { classifyRefusal, describesInvalidToken, describesTransientRefusal, matchesV1Text } from "./classify"
export type { CloudRefusal, RefusalMeaning } from "./classify"
export { apiVersionOf, pushCommandsFor, DOCUMENTED_PUSH_COMMANDS } from "./version"
export type { ApiVersion } from "./version"
export { KNOWN_YILIANYUN_CODES } from "./codes"
export { apiSign, pushSign, verifySign } from "./sign"
export { parsePush, verifyPush, pushAck } from "./push"
export type { YilianyunPush, PushVerification, VerifyPushOptions } from "./push"
export { backoffDelay } from "./backoff"
export type { BackoffOptions } from "./backoff"
export { parseJsonPreservingBigInts } from "./json"
export { parseEnvelope, parseErrorCode, parseServerTimestamp } from "./envelope"
export { YilianyunTransport } from "./transport"
export type { TransportOptions, TransportResponse } from "./transport"
export type * from "./types"
