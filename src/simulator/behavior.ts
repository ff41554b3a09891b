import type { SimBehavior } from "./types"

// Behaviours the documents leave open (or where v1 and v2 differ), each a switch a test can turn.
// The defaults follow the v2 document where it speaks; where it is silent they are the lenient
// choice, so the simulator is never stricter than the cloud unless a test asks it to be.

export const DEFAULT_BEHAVIOR: Readonly<SimBehavior> = Object.freeze({
  printIdDigits: 10,
  defaultIdempotence: 1,
  finishOrderId: "present",
  clockSkewSec: 0,
  probePushUrls: true,
  refuseUndocumentedCommands: false,
  checkMenuEncoding: false,
  errorCodes: "v1",
  errorType: "number",
  literalUnsupportedTags: true,
  orderStatus: "v2",
})

const MAX_SKEW_SEC = 7 * 24 * 3600

type Check = (value: unknown) => boolean

const CHECKS: { [K in keyof SimBehavior]: [Check, string] } = {
  printIdDigits: [(v) => v === 10 || v === 19, "10 or 19"],
  defaultIdempotence: [(v) => v === 0 || v === 1, "0 or 1"],
  finishOrderId: [(v) => v === "present" || v === "absent" || v === "empty", '"present", "absent" or "empty"'],
  clockSkewSec: [
    (v) => typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= MAX_SKEW_SEC,
    `a whole number of seconds within ±${MAX_SKEW_SEC}`,
  ],
  probePushUrls: [(v) => typeof v === "boolean", "true or false"],
  refuseUndocumentedCommands: [(v) => typeof v === "boolean", "true or false"],
  checkMenuEncoding: [(v) => typeof v === "boolean", "true or false"],
  errorCodes: [(v) => v === "v1" || v === "v2", '"v1" or "v2"'],
  errorType: [(v) => v === "number" || v === "string", '"number" or "string"'],
  literalUnsupportedTags: [(v) => typeof v === "boolean", "true or false"],
  orderStatus: [(v) => v === "v1" || v === "v2", '"v1" or "v2"'],
}

/** Merges `input` over `base`; a wrong name or value throws an Error that names it. */
export function mergeBehavior(base: Readonly<SimBehavior>, input: unknown): SimBehavior {
  if (input === undefined || input === null) return { ...base }
  if (typeof input !== "object" || Array.isArray(input)) throw new Error("behavior must be an object of switches")
  const next: SimBehavior = { ...base }
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    if (value === undefined) continue
    const check = CHECKS[name as keyof SimBehavior]
    if (!check) throw new Error(`unknown behavior switch ${name}; known: ${Object.keys(CHECKS).join(", ")}`)
    if (!check[0](value)) throw new Error(`behavior.${name} must be ${check[1]}`)
    ;(next as unknown as Record<string, unknown>)[name] = value
  }
  return next
}

/** The switches a simulator starts with and returns to on reset(). */
export class BehaviorSwitches {
  private current: SimBehavior

  constructor(private readonly initial: Readonly<SimBehavior>) {
    this.current = { ...initial }
  }

  get value(): Readonly<SimBehavior> {
    return this.current
  }

  set(input: unknown): SimBehavior {
    this.current = mergeBehavior(this.current, input)
    return this.snapshot()
  }

  snapshot(): SimBehavior {
    return { ...this.current }
  }

  reset(): void {
    this.current = { ...this.initial }
  }
}
