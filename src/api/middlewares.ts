import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { PostPrinter, UpdatePrinter } from "./admin/yilianyun/printers/validators"

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
  ],
})
