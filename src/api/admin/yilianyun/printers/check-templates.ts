import { MedusaError } from "@medusajs/framework/utils"
import { designProblems, listTemplates, parseDesign, type DesignProblem, type ReceiptDesign } from "../../../../receipt"
import type YilianyunModuleService from "../../../../modules/yilianyun/service"
import { isDesignRef, PrinterForRender, profileOf } from "../../../../workflows/utils/render-for-printer"

/**
 * A printer's templates are checked when it is saved (recovery issue, item 2): every name must be a
 * registered template or a current saved design, and a design must be printable on this printer
 * (its model and paper). Otherwise a 400 names the trigger's field — an unknown name would only
 * fail later, at render, with an order waiting.
 */

/** Templates a printer may name (the self-test page is not one). */
export function printableTemplates(): string[] {
  return listTemplates().filter((t) => t !== "test")
}

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${message}`)

export async function assertPrinterTemplates(
  yly: YilianyunModuleService,
  printer: PrinterForRender & { templates: Record<string, string[] | undefined> }
): Promise<void> {
  const known = printableTemplates()
  const profile = profileOf(printer)
  for (const [trigger, names] of Object.entries(printer.templates ?? {})) {
    const field = `templates.${trigger}`
    for (const name of names ?? []) {
      if (!isDesignRef(name)) {
        if (!known.includes(name)) {
          throw invalid(`Field '${field}' names "${name}", which is neither a template (${known.join(", ")}) nor a saved receipt design.`)
        }
        continue
      }
      const design = await yly.designs().get(name)
      if (!design) throw invalid(`Field '${field}' names the receipt design ${name}, which does not exist (it may have been deleted).`)
      if (design.archived_at) {
        throw invalid(`Field '${field}' names the archived receipt design "${design.name}" — choose a current design or template.`)
      }
      const parsed = parseDesign({ base: design.base, blocks: design.blocks })
      const problems = parsed.design ? designProblems(parsed.design, profile) : []
      if (problems.length) {
        throw invalid(`Field '${field}': the receipt design "${design.name}" cannot print on this printer — ${problems[0].message}`)
      }
    }
  }
}

/** Problems a design would have on each of these printers (those using it, when it is saved). */
export function problemsOnPrinters<P extends Parameters<typeof profileOf>[0]>(
  design: ReceiptDesign,
  printers: P[]
): { printer: P; problem: DesignProblem }[] {
  const out: { printer: P; problem: DesignProblem }[] = []
  for (const printer of printers) {
    for (const problem of designProblems(design, profileOf(printer))) out.push({ printer, problem })
  }
  return out
}
