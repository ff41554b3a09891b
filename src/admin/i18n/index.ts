// Translations of the plugin's admin pages, merged into the dashboard's i18next resources.
// The dashboard names Simplified Chinese "zhCN". Keys live under "yilianyun" so they never clash.
// The receipt designer keeps its strings in designer.*.json, merged in here.
import designerEn from "./json/designer.en.json"
import designerZhCN from "./json/designer.zh-CN.json"
import en from "./json/en.json"
import zhCN from "./json/zh-CN.json"

type Tree = { [key: string]: string | Tree }

/** b's keys added into a (b wins), recursively: the files share the "yilianyun" root. */
function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k]
    out[k] = typeof v === "object" && typeof prev === "object" ? merge(prev, v) : v
  }
  return out
}

export default {
  en: { translation: merge(en as Tree, designerEn as Tree) },
  zhCN: { translation: merge(zhCN as Tree, designerZhCN as Tree) },
}
