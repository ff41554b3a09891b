import { createHash } from "node:crypto"

/**
 * The cloud's origin_id must be ≤ 32 letters/digits; Medusa ids contain "_". Derived from the
 * job id and part number, so a retry of the same part always carries the same origin_id and the
 * cloud's 2-hour dedupe (idempotence=1) turns it into a no-op.
 */
export function originIdFor(jobId: string, partNumber: number): string {
  return createHash("md5").update(`${jobId}:${partNumber}`).digest("hex")
}
