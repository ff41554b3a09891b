import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"

// The admin validators are zod schemas, ≈2 MB of heap once built: they are loaded on the first admin
// request that needs them, not at start-up (a store that only prints never builds them).
type Validators = typeof import("./admin/yilianyun/validators") &
  typeof import("./admin/yilianyun/printers/validators") &
  typeof import("./admin/yilianyun/designs/validators")
let loaded: Validators | undefined
function validators(): Validators {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  loaded ??= { ...require("./admin/yilianyun/validators"), ...require("./admin/yilianyun/printers/validators"), ...require("./admin/yilianyun/designs/validators") }
  return loaded!
}
type SchemaName = { [K in keyof Validators]: Validators[K] extends z.ZodTypeAny ? K : never }[keyof Validators]

/** validateAndTransformBody with the schema looked up on first use (Medusa accepts a schema factory). */
const body = (name: SchemaName) => validateAndTransformBody(() => validators()[name] as any)

/** validateAndTransformQuery built on first use (it needs the schema itself, not a factory). */
function query(name: SchemaName) {
  let middleware: ReturnType<typeof validateAndTransformQuery> | undefined
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    middleware ??= validateAndTransformQuery(validators()[name] as any, {})
    return middleware(req as any, res, next)
  }
}

export default defineMiddlewares({
  routes: [
    {
      // The platform posts form-urlencoded pushes; the raw bytes are kept so that non-UTF-8
      // bodies are refused rather than mangled. Pushes are tiny: 64 KB is generous.
      matcher: "/hooks/yilianyun",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: "64kb" },
    },
    {
      matcher: "/admin/yilianyun/printers",
      methods: ["POST"],
      middlewares: [body("PostPrinter")],
    },
    {
      matcher: "/admin/yilianyun/printers/:id",
      methods: ["POST"],
      middlewares: [body("UpdatePrinter")],
    },
    // ---- admin: orders, preview, jobs, token, push URL, device settings ----
    {
      matcher: "/admin/yilianyun/orders/:id/print",
      methods: ["POST"],
      middlewares: [body("PostOrderPrint")],
    },
    {
      matcher: "/admin/yilianyun/preview",
      methods: ["GET"],
      middlewares: [query("GetPreview")],
    },
    {
      matcher: "/admin/yilianyun/preview",
      methods: ["POST"],
      middlewares: [body("PostPreview")],
    },
    // ---- admin: receipt designs ----
    { matcher: "/admin/yilianyun/designs", methods: ["GET"], middlewares: [query("GetDesigns")] },
    { matcher: "/admin/yilianyun/designs", methods: ["POST"], middlewares: [body("PostDesign")] },
    {
      matcher: "/admin/yilianyun/designs/catalog",
      methods: ["GET"],
      middlewares: [query("GetDesignCatalog")],
    },
    { matcher: "/admin/yilianyun/designs/:id", methods: ["POST"], middlewares: [body("UpdateDesign")] },
    {
      matcher: "/admin/yilianyun/jobs",
      methods: ["GET"],
      middlewares: [query("GetJobs")],
    },
    {
      matcher: "/admin/yilianyun/jobs/retry",
      methods: ["POST"],
      middlewares: [body("PostJobsRetry")],
    },
    {
      matcher: "/admin/yilianyun/token/reset",
      methods: ["POST"],
      middlewares: [body("PostTokenReset")],
    },
    {
      matcher: "/admin/yilianyun/push-url",
      methods: ["POST"],
      middlewares: [body("PostPushUrl")],
    },
    { matcher: "/admin/yilianyun/printers/:id/sound", methods: ["POST"], middlewares: [body("PostSound")] },
    { matcher: "/admin/yilianyun/printers/:id/voice", methods: ["POST"], middlewares: [body("PostVoice")] },
    { matcher: "/admin/yilianyun/printers/:id/logo", methods: ["POST"], middlewares: [body("PostLogo")] },
    { matcher: "/admin/yilianyun/printers/:id/menu", methods: ["POST"], middlewares: [body("PostMenu")] },
    { matcher: "/admin/yilianyun/printers/:id/btnprint", methods: ["POST"], middlewares: [body("PostBtnPrint")] },
    { matcher: "/admin/yilianyun/printers/:id/restart", methods: ["POST"], middlewares: [body("PostEmpty")] },
    { matcher: "/admin/yilianyun/printers/:id/shutdown", methods: ["POST"], middlewares: [body("PostEmpty")] },
    { matcher: "/admin/yilianyun/printers/:id/cancel-queue", methods: ["POST"], middlewares: [body("PostEmpty")] },
  ],
})
