// Runs INSIDE a Medusa process (`medusa exec faults/emit-order-placed.ts`, which is always a
// server-mode process), started by the fault harness for "every order.placed delivered twice".
// For each line `EMIT <order_id>` on stdin it emits order.placed { id } through Medusa's own event
// bus — the Redis one when REDIS_URL is set — so the worker receives a second, real delivery.
// Answers `EMITTED <order_id>`; `EXIT` (or the end of stdin) ends it.
import * as readline from "node:readline"
import { ExecArgs } from "@medusajs/framework/types"
import { EventPriority, Modules } from "@medusajs/framework/utils"

export default async function emitOrderPlaced({ container }: ExecArgs) {
  const bus = container.resolve(Modules.EVENT_BUS)
  // The Redis bus only enqueues events that have a subscriber in the emitting process, and
  // `medusa exec` loads none: this one never runs here (server mode runs no queue worker).
  bus.subscribe("order.placed", async () => undefined, { subscriberId: "faults-emitter-enqueue-only" })
  process.stdout.write("EMITTER_READY\n")
  const lines = readline.createInterface({ input: process.stdin })
  for await (const line of lines) {
    const [cmd, id] = line.trim().split(/\s+/)
    if (cmd === "EXIT") break
    if (cmd !== "EMIT" || !id) continue
    // the priority completeCartWorkflow gives order.placed, so both deliveries queue alike
    await bus.emit({ name: "order.placed", data: { id } }, { priority: EventPriority.CRITICAL } as any)
    process.stdout.write(`EMITTED ${id}\n`)
  }
}
