import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { authorizePrinter } from "../src/workflows/authorize-printer"

/**
 * `medusa exec ./scripts/demo-printers.ts` — binds the demo's printers (DEMO_PRINTERS, a JSON list
 * of authorize inputs) unless a printer with that machine code is already bound. Idempotent.
 */
export default async function demoPrinters({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const yly = container.resolve<any>("yilianyun")
  const wanted: any[] = JSON.parse(process.env.DEMO_PRINTERS ?? "[]")
  for (const input of wanted) {
    const [existing] = await yly.listPrinters({ machine_code: input.machine_code })
    if (existing) continue
    await authorizePrinter(container, input)
    logger.info(`demo: bound printer ${input.machine_code} (${input.name})`)
  }
  process.stdout.write(`DEMO_PRINTERS_READY ${wanted.length}\n`)
}
