import type YilianyunModuleService from "./service"
import type { PrintTrigger } from "./triggers"

/** A printer's `templates` column: the templates (or design ids) it prints on each trigger. */
export type PrinterTemplates = Partial<Record<PrintTrigger, string[]>>

/** A print job as the service lists it; `printer` and `parts` are set when asked for as relations. */
export type PrintJobRow = Awaited<ReturnType<YilianyunModuleService["listPrintJobs"]>>[number]

/** A printer as the service lists it, its JSON `templates` in the shape the admin API stores. */
export type PrinterRow = Omit<Awaited<ReturnType<YilianyunModuleService["listPrinters"]>>[number], "templates"> & {
  templates: PrinterTemplates | null
}
