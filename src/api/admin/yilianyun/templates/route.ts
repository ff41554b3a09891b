import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { printableTemplates } from "../printers/check-templates"
import { PRINT_TRIGGERS } from "../../../../modules/yilianyun/triggers"
import { ylyOf } from "../helpers"

/**
 * GET /admin/yilianyun/templates — what printers can print: template names (built-ins and the
 * store's), the current receipt designs (named by id in a printer's templates), and the triggers.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const designs = await ylyOf(req.scope).designs().list()
  res.json({
    templates: printableTemplates(),
    designs: designs.map((d) => ({ id: d.id, name: d.name, base: d.base, version: d.version })),
    triggers: PRINT_TRIGGERS,
  })
}
