import { CLOUD_CODES, CloudError } from "./codes"
import { isHttpUrl } from "./pushes"

// printmenu/addprintmenu `content`: a JSON array ["name", "url"] whose name and URL are
// URL-encoded inside the JSON, as the v1 page asks ("其中url和菜单名称需要urlencode"); the legacy
// page limits a name to 18 bytes. Bytes are counted in UTF-8: the form is UTF-8 on the wire and
// the document names no other encoding (GBK would allow 9 CJK characters, UTF-8 allows 6; the
// stricter count is the one a client can rely on under either reading).

/** Longest menu name, in UTF-8 bytes once decoded. */
export const MAX_MENU_NAME_BYTES = 18

// What encodeURIComponent (or PHP's urlencode, with "+" for a space) can leave unescaped.
const ENCODED_SHAPE = /^[A-Za-z0-9\-_.!~*'()%+]*$/

/** The decoded value when `text` is a well-formed URL-encoding, else undefined. */
export function decodeIfEncoded(text: string): string | undefined {
  if (!ENCODED_SHAPE.test(text)) return undefined
  try {
    return decodeURIComponent(text.replace(/\+/g, " "))
  } catch {
    return undefined
  }
}

/**
 * [name, url] as the printer shows and calls them (decoded). With `strict` (behavior
 * checkMenuEncoding) both must arrive URL-encoded, the URL must decode to http(s) and the name
 * must fit 18 bytes; otherwise 38. Without it, encoded values are decoded and raw ones kept.
 */
export function parseMenuContent(content: string, strict: boolean): [string, string] {
  let menu: unknown
  try {
    menu = JSON.parse(content)
  } catch {
    menu = undefined
  }
  if (!Array.isArray(menu) || menu.length < 2 || menu.some((item) => typeof item !== "string")) {
    throw new CloudError(CLOUD_CODES.MENU_NOT_JSON_ARRAY)
  }
  const [rawName, rawUrl] = menu as string[]
  const name = decodeIfEncoded(rawName)
  const url = decodeIfEncoded(rawUrl)
  if (!strict) return [name ?? rawName, url ?? rawUrl]

  if (name === undefined || url === undefined) {
    throw new CloudError(CLOUD_CODES.MENU_NOT_JSON_ARRAY, "菜单名称和url须urlencode")
  }
  if (name.trim() === "") throw new CloudError(CLOUD_CODES.MENU_NOT_JSON_ARRAY, "菜单名称不能为空")
  if (Buffer.byteLength(name, "utf8") > MAX_MENU_NAME_BYTES) {
    throw new CloudError(CLOUD_CODES.MENU_NOT_JSON_ARRAY, `菜单名称不能超过${MAX_MENU_NAME_BYTES}个字节`)
  }
  if (!isHttpUrl(url)) throw new CloudError(CLOUD_CODES.MENU_NOT_JSON_ARRAY, "url须以http://或https://开头")
  return [name, url]
}
