import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { GetDesignCatalog, GetDesigns, PostDesign, UpdateDesign } from "./admin/yilianyun/designs/validators"
import { PostPrinter, UpdatePrinter } from "./admin/yilianyun/printers/validators"
import {
  GetJobs,
  GetPreview,
  PostBtnPrint,
  PostEmpty,
  PostJobsRetry,
  PostLogo,
  PostMenu,
  PostOrderPrint,
  PostPreview,
  PostPushUrl,
  PostSound,
  PostTokenReset,
  PostVoice,
} from "./admin/yilianyun/validators"

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
      middlewares: [validateAndTransformBody(PostPrinter)],
    },
    {
      matcher: "/admin/yilianyun/printers/:id",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(UpdatePrinter)],
    },
    // ---- admin: orders, preview, jobs, token, push URL, device settings ----
    {
      matcher: "/admin/yilianyun/orders/:id/print",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(PostOrderPrint)],
    },
    {
      matcher: "/admin/yilianyun/preview",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(GetPreview, {})],
    },
    {
      matcher: "/admin/yilianyun/preview",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(PostPreview)],
    },
    // ---- admin: receipt designs ----
    { matcher: "/admin/yilianyun/designs", methods: ["GET"], middlewares: [validateAndTransformQuery(GetDesigns, {})] },
    { matcher: "/admin/yilianyun/designs", methods: ["POST"], middlewares: [validateAndTransformBody(PostDesign)] },
    {
      matcher: "/admin/yilianyun/designs/catalog",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(GetDesignCatalog, {})],
    },
    { matcher: "/admin/yilianyun/designs/:id", methods: ["POST"], middlewares: [validateAndTransformBody(UpdateDesign)] },
    {
      matcher: "/admin/yilianyun/jobs",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(GetJobs, {})],
    },
    {
      matcher: "/admin/yilianyun/jobs/retry",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(PostJobsRetry)],
    },
    {
      matcher: "/admin/yilianyun/token/reset",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(PostTokenReset)],
    },
    {
      matcher: "/admin/yilianyun/push-url",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(PostPushUrl)],
    },
    { matcher: "/admin/yilianyun/printers/:id/sound", methods: ["POST"], middlewares: [validateAndTransformBody(PostSound)] },
    { matcher: "/admin/yilianyun/printers/:id/voice", methods: ["POST"], middlewares: [validateAndTransformBody(PostVoice)] },
    { matcher: "/admin/yilianyun/printers/:id/logo", methods: ["POST"], middlewares: [validateAndTransformBody(PostLogo)] },
    { matcher: "/admin/yilianyun/printers/:id/menu", methods: ["POST"], middlewares: [validateAndTransformBody(PostMenu)] },
    { matcher: "/admin/yilianyun/printers/:id/btnprint", methods: ["POST"], middlewares: [validateAndTransformBody(PostBtnPrint)] },
    { matcher: "/admin/yilianyun/printers/:id/restart", methods: ["POST"], middlewares: [validateAndTransformBody(PostEmpty)] },
    { matcher: "/admin/yilianyun/printers/:id/shutdown", methods: ["POST"], middlewares: [validateAndTransformBody(PostEmpty)] },
    { matcher: "/admin/yilianyun/printers/:id/cancel-queue", methods: ["POST"], middlewares: [validateAndTransformBody(PostEmpty)] },
  ],
})
