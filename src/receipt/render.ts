import { MarkupBuilder } from "./builder"
import { controlTags, takeLeadingControls } from "./controls"
import { assertTimeZone } from "./datetime"
import { labelsFor } from "./i18n"
import { enforceTagLimit } from "./limits"
import { getProfile, type ModelProfile } from "./profiles"
import { defaultRegistry, type TemplateRegistry } from "./registry"
import { safeLine } from "./safe-text"
import { MAX_CONTENT_LENGTH, splitMarkup } from "./split"
import { TAG_USE_LIMIT, tokenize } from "./tags"
import type { ReceiptOrder, RenderOptions, RenderResult, ResolvedRenderOptions, TemplateFn } from "./types"

export const DEFAULT_TIMEZONE = "Asia/Shanghai"

/** Options with their defaults, as templates receive them. Throws on an invalid time zone. */
export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  const timezone = options.timezone || DEFAULT_TIMEZONE
  assertTimeZone(timezone)
  const language = options.language === "en" ? "en" : "zh-CN"
  return {
    ...options,
    profile: options.profile ?? getProfile(),
    language,
    timezone,
    labels: labelsFor(language, options.labels),
    now: options.now ?? new Date(),
  }
}

function resolveTemplate(template: string | TemplateFn, options: RenderOptions, registry: TemplateRegistry): { name: string; fn: TemplateFn } {
  if (typeof template === "function") return { name: template.name || "custom", fn: template }
  const fn = options.templates?.[template] ?? registry.get(template)
  if (!fn) {
    const known = [...new Set([...Object.keys(options.templates ?? {}), ...registry.names()])].sort()
    throw new Error(`There is no receipt template called "${template}". Known templates: ${known.join(", ")}.`)
  }
  return { name: template, fn }
}

/** A centred bold line written as padded text: it must not spend one of the 25 <center> uses. */
function bannerLine(profile: ModelProfile, text: string, tall: boolean): string {
  return new MarkupBuilder(profile, { tagUseLimit: 0 })
    .center(text, tall ? { size: "FH2", bold: true } : { bold: true })
    .toString()
}

/**
 * Renders an order with a template into the prints to send: the template's markup, table/center/
 * right/LR kept within 25 uses, split into parts ("1/2", "2/2") above the content limit, each part
 * starting with the control tags (copies, confirmation, sound) the model supports, and a visible
 * reprint line when asked.
 */
export function renderReceipt(
  template: string | TemplateFn,
  order: ReceiptOrder,
  options: RenderOptions = {},
  registry: TemplateRegistry = defaultRegistry,
): RenderResult {
  const { name, fn } = resolveTemplate(template, options, registry)
  const resolved = resolveRenderOptions(options)
  const profile = resolved.profile
  const markup = fn(order, profile, resolved)
  if (typeof markup !== "string") throw new Error(`Receipt template "${name}" returned ${typeof markup}, not markup text.`)
  const warnings: string[] = []
  const own = takeLeadingControls(markup)
  const tokens = tokenize(own.body)
  if (tokens.some((t) => t.type === "tag" && t.kind === "control")) {
    warnings.push(`Template "${name}" writes control tags after its first line; the printer prints them as text.`)
  }
  const limited = enforceTagLimit(own.body, profile.columns, TAG_USE_LIMIT, tokens)
  if (limited.converted > 0) {
    warnings.push(`Template "${name}" used table/center/right/LR more than 25 times; ${limited.converted} were printed as padded lines.`)
  }
  const first = controlTags(profile, resolved, true)
  const rest = controlTags(profile, resolved, false)
  warnings.push(...first.warnings)
  const reprint = resolved.reprint ? bannerLine(profile, resolved.labels.reprint, true) : ""
  const number = safeLine(order?.displayId)
  const maxLength = Math.max(512, Math.floor(resolved.maxContentLength ?? MAX_CONTENT_LENGTH))
  const parts = splitMarkup(limited.markup, maxLength, (index, total) => {
    const label = total > 1 ? bannerLine(profile, `${number ? `#${number} ` : ""}(${index + 1}/${total})`, false) : ""
    return (index === 0 ? first.markup : rest.markup) + own.controls + reprint + label
  })
  return { parts, template: name, columns: profile.columns, warnings }
}
