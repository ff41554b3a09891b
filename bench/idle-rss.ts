// `medusa exec bench/idle-rss.ts`: the resident memory of a booted Medusa process, after a GC.
import { ExecArgs } from "@medusajs/framework/types"

export default async function idleRss(_: ExecArgs) {
  await new Promise((r) => setTimeout(r, 1000))
  global.gc?.()
  process.stdout.write(`${JSON.stringify({ type: "rss", rss: process.memoryUsage().rss })}\n`)
}
