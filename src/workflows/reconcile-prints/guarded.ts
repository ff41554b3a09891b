import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * Runs one part of a reconcile pass so that its failure is logged and the pass goes on: a pass that
 * stopped at its first error would stop every minute, and pruning and metadata would never run.
 */
export async function guarded<T>(container: MedusaContainer, what: string, fallback: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`yilianyun: reconcile: ${what} failed: ${(e as Error)?.message ?? e}`)
    return fallback
  }
}
