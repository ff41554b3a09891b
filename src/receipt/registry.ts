import { cancelTemplate, kitchenTemplate, packingTemplate, receiptTemplate, testPageTemplate } from "./templates"
import type { TemplateFn } from "./types"

/** The templates that ship with the plugin, by the names printers and routes use. */
export const BUILT_IN_TEMPLATES: Readonly<Record<string, TemplateFn>> = Object.freeze({
  receipt: receiptTemplate,
  kitchen: kitchenTemplate,
  packing: packingTemplate,
  cancel: cancelTemplate,
  test: testPageTemplate,
})

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/i

export interface TemplateRegistry {
  register(name: string, template: TemplateFn): void
  get(name: string): TemplateFn | undefined
  has(name: string): boolean
  names(): string[]
}

/** A registry holding the built-ins plus whatever is registered on it (for tests or per-store setups). */
export function createTemplateRegistry(extra: Record<string, TemplateFn> = {}): TemplateRegistry {
  const templates = new Map<string, TemplateFn>(Object.entries(BUILT_IN_TEMPLATES))
  const registry: TemplateRegistry = {
    register(name, template) {
      if (!NAME.test(name)) {
        throw new Error(`Template name "${name}" is not usable: use 1–40 letters, digits, "-" or "_".`)
      }
      if (typeof template !== "function") {
        throw new Error(`Template "${name}" must be a function (order, profile, options) => markup.`)
      }
      templates.set(name, template)
    },
    get: (name) => templates.get(name),
    has: (name) => templates.has(name),
    names: () => [...templates.keys()].sort(),
  }
  for (const [name, template] of Object.entries(extra)) registry.register(name, template)
  return registry
}

/** The process-wide registry that the plugin's printing routes through. */
export const defaultRegistry: TemplateRegistry = createTemplateRegistry()

/** Registers a store template by name (replacing a built-in of the same name is allowed). */
export function registerTemplate(name: string, template: TemplateFn): void {
  defaultRegistry.register(name, template)
}

export function getTemplate(name: string): TemplateFn | undefined {
  return defaultRegistry.get(name)
}

export function listTemplates(): string[] {
  return defaultRegistry.names()
}
