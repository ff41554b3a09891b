import diagnostics from "node:diagnostics_channel"
import { performance } from "node:perf_hooks"

/**
 * Where an order's print spends its time, for whoever listens (bench/pipeline.ts does): each stage
 * is published on the `yilianyun:print` diagnostics channel as `{ order_id, trigger, stage, at }`
 * (`at`: performance.now() of this process). Stages: `start` (the print workflow's step begins),
 * `loaded` (order and printers read), `created` (jobs rendered and created), `request` (a part's
 * request leaves for the cloud), `sent` (every job answered), `done` (follow-ups written). With no
 * subscriber nothing is built or kept.
 */
export const PRINT_TRACE_CHANNEL = "yilianyun:print"
const channel = diagnostics.channel(PRINT_TRACE_CHANNEL)

export type PrintTraceStage = "start" | "loaded" | "created" | "request" | "sent" | "done"
export type PrintTraceMessage = { order_id: string | null; trigger: string | null; stage: PrintTraceStage; at: number }

/** A stage recorder for one print, or null when nobody listens. Publishes `first` at once. */
export function printTrace(
  input: { order_id?: string | null; trigger?: string | null },
  first: PrintTraceStage = "start"
): ((stage: PrintTraceStage) => void) | null {
  if (!channel.hasSubscribers) return null
  const base = { order_id: input.order_id ?? null, trigger: input.trigger ?? null }
  const mark = (stage: PrintTraceStage) => channel.publish({ ...base, stage, at: performance.now() } satisfies PrintTraceMessage)
  mark(first)
  return mark
}
