import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ylyOf } from "../../../helpers"
import { exportDocument } from "../../present"

/**
 * GET /admin/yilianyun/designs/:id/export — the design as a JSON file, to import in another store
 * by posting it to /admin/yilianyun/designs.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const design = await ylyOf(req.scope).designs().retrieve(req.params.id)
  const file = `${design.name.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "design"}.json`
  res.setHeader("content-disposition", `attachment; filename="design.json"; filename*=UTF-8''${encodeURIComponent(file)}`)
  res.json(exportDocument(design))
}
