import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { PostPrinter, UpdatePrinter } from "./admin/yilianyun/printers/validators"

export default defineMiddlewares({
  routes: [
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
