import { YilianyunError } from "../errors"
import { asId, isPlainObject } from "../json"
import type { PrintResult } from "../types"

/** `{id, origin_id}` of a print call; the id is mandatory because pushes and cancels need it. */
export function toPrintResult(path: string, body: unknown, sentOriginId: string): PrintResult {
  const id = isPlainObject(body) ? asId(body.id) : undefined
  if (id === undefined) {
    throw new YilianyunError({
      kind: "protocol",
      path,
      description: "print accepted without a print id",
      message: `Yilianyun accepted the print (${path}) but returned no print id — its status will be checked by origin_id; report it if it repeats.`,
    })
  }
  const originId = isPlainObject(body) ? asId(body.origin_id) : undefined
  return { id, originId: originId ?? sentOriginId }
}

/** idempotence=1 unless explicitly disabled: the cloud then dedupes on origin_id for 2 h. */
export function idempotenceFlag(idempotence: boolean | undefined): 0 | 1 {
  return idempotence === false ? 0 : 1
}
