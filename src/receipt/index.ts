// The receipt layer: order → printer markup → preview. Pure functions: no Medusa, no I/O (design §1).
export * from "./types"
export { LABELS, labelsFor, paymentStatusLabel, type ReceiptLabels, type ReceiptLanguage } from "./i18n"
export {
  columnsForPaper, columnsForPrintWidth, firmwareAtLeast, getProfile, K4_VOICE_FIRMWARE, literalVoiceTags, MODEL_FAMILIES,
  parseFirmware, VOICE_TAGS,
  type MarkupFeature, type ModelFamily, type ModelProfile, type ProfileOptions,
} from "./profiles"
export {
  CharClass, centerPadColumns, classifyCodePoint, codePointColumns, type ColumnDots, DOTS_PER_COLUMN,
  isZeroWidth, PLACEHOLDER, scaledColumns, textColumns, textDots,
} from "./width"
export {
  capacityColumns, centerColumns, justifyColumns, padEndColumns, padStartColumns, truncateColumns, wrapText,
} from "./wrap"
export { safeCodeData, safeLine, safeText, type SafeTextOptions } from "./safe-text"
export {
  closeTags, CODE_TAGS, CONTROL_TAGS, LIMITED_TAGS, openTags, STYLE_TAGS, tag, TAG_USE_LIMIT, tagKind, tokenize, wrapTag,
  type LimitedTag, type StyleTag, type TagKind, type TagName, type Token,
} from "./tags"
export { MarkupBuilder, type TextOptions, type TextStyle } from "./builder"
export { currencyDigits, currencySymbol, formatMoney } from "./money"
export { assertTimeZone, formatDateTime } from "./datetime"
export { controlTags, markLate, takeLeadingControls, type ControlRequest } from "./controls"
export { countTagUses, enforceTagLimit, lineToMarkup } from "./limits"
export { MAX_CONTENT_LENGTH, splitMarkup } from "./split"
export { layoutMarkup } from "./layout"
export { tableColumnWidths } from "./layout-blocks"
export type { ControlValue, Glyph, Layout, LayoutBlock, LayoutOptions, PaperLine } from "./layout-types"
export {
  lineText, PREVIEW_CSS, previewColumns, previewHtml, previewLayout, previewLines, previewText,
  type PreviewHtmlOptions, type PreviewOptions,
} from "./preview"
export * from "./templates"
export {
  BUILT_IN_TEMPLATES, createTemplateRegistry, defaultRegistry, getTemplate, listTemplates, registerTemplate,
  type TemplateRegistry,
} from "./registry"
export { DEFAULT_TIMEZONE, renderReceipt, resolveRenderOptions } from "./render"
export { sampleOrder } from "./sample"
export * from "./design"
export { isCjk, personName } from "./names"
