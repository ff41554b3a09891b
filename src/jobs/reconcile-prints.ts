import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { YILIANYUN_MODULE } from "../modules/yilianyun"
import type YilianyunModuleService from "../modules/yilianyun/service"
import { reconcilePrintsWorkflow } from "../workflows/reconcile-prints"

/** Every minute: catch missed orders, resend pending jobs, ask about unconfirmed prints. */
export default async function yilianyunReconcile(container: MedusaContainer) {
  const yly = container.resolve<YilianyunModuleService>(YILIANYUN_MODULE)
  if (!yly.isConfigured() || !yly.getOptions().reconcile.enabled) return
  try {
    await reconcilePrintsWorkflow(container).run({ input: {} })
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`yilianyun: reconcile failed: ${(e as Error).message}`)
  }
}

export const config = { name: "yilianyun-reconcile-prints", schedule: "* * * * *" }
