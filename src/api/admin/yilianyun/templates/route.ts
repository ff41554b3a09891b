import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listTemplates } from "../../../../receipt"
import { PRINT_TRIGGERS } from "../../../../modules/yilianyun/triggers"

/** GET /admin/yilianyun/templates — template names printers can use (built-ins and the store's), and the triggers. */
export async function GET(_req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ templates: listTemplates().filter((t) => t !== "test"), triggers: PRINT_TRIGGERS })
}
