// Translations of the plugin's admin pages, merged into the dashboard's i18next resources.
// The dashboard names Simplified Chinese "zhCN". Keys live under "yilianyun" so they never clash.
import en from "./json/en.json"
import zhCN from "./json/zh-CN.json"

export default {
  en: { translation: en },
  zhCN: { translation: zhCN },
}
