import { CLOUD_CODES, CloudError } from "./codes"
import { MAX_CONTENT_CHARS } from "./defaults"
import { boundPrinter, type CallContext, type EndpointTable, oneOf, optionalInt } from "./endpoint"
import { BareInteger } from "./json-text"
import { isHttpUrl } from "./pushes"
import type { PrintJob } from "./queue"
import type { PrintKind } from "./types"

/** Documented choice: origin_id must be 1–32 letters/digits (v1 rule), else 34. */
const ORIGIN_ID_SHAPE = /^[0-9A-Za-z]{1,32}$/
const PICTURE_UNSUPPORTED = /^(K4-WH|K4-WA|M1)/i

function originId(context: CallContext): string {
  const value = context.params.origin_id
  if (!ORIGIN_ID_SHAPE.test(value)) {
    throw new CloudError(CLOUD_CODES.ILLEGAL_PARAMETER, "origin_id须为1-32位字母或数字")
  }
  return value
}

/** A missing (or empty) field means 1 as the v2 document says; behavior.defaultIdempotence 0 plays v1. */
function idempotence(context: CallContext): boolean {
  const raw = context.params.idempotence
  if (raw === undefined || raw === "") return context.state.behavior.value.defaultIdempotence === 1
  return oneOf(context, "idempotence", ["0", "1"] as const) === "1"
}

/** v2: 0 unprinted, 1 printed, 2 canceled; v1 folds canceled into 0 (reference §3.7). */
function reportedStatus(context: CallContext, job: PrintJob): number {
  return job.status === 2 && context.state.behavior.value.orderStatus === "v1" ? 0 : job.status
}

function printId(job: PrintJob): BareInteger {
  return new BareInteger(job.printId)
}

/** Queues a print and answers { id, origin_id } — the first print's, when deduplicated. */
function submit(context: CallContext, kind: PrintKind, content: string) {
  const device = boundPrinter(context)
  const { job, duplicate } = context.state.queue.submit({
    device,
    kind,
    content,
    originId: originId(context),
    idempotence: idempotence(context),
  })
  if (duplicate) context.state.config.logger.debug?.(`origin_id ${job.originId} deduplicated to print ${job.printId}`)
  return { body: { id: printId(job), origin_id: job.originId } }
}

export const printEndpoints: EndpointTable = {
  "print/index": {
    auth: "token",
    required: ["machine_code", "content", "origin_id"],
    handle(context) {
      const content = context.params.content
      if (content.length > MAX_CONTENT_CHARS) {
        throw new CloudError(CLOUD_CODES.PARAMETER_ERROR, `content不能超过${MAX_CONTENT_CHARS}个字符`)
      }
      return submit(context, "text", content)
    },
  },

  "pictureprint/index": {
    auth: "token",
    required: ["machine_code", "picture_url", "origin_id"],
    handle(context) {
      if (!isHttpUrl(context.params.picture_url)) throw new CloudError(CLOUD_CODES.PICTURE_URL_WRONG)
      if (PICTURE_UNSUPPORTED.test(boundPrinter(context).model)) throw new CloudError(CLOUD_CODES.SETTING_UNSUPPORTED)
      return submit(context, "picture", context.params.picture_url)
    },
  },

  "expressprint/index": {
    auth: "token",
    required: ["machine_code", "origin_id", "content"],
    handle(context) {
      // Success body is a documented GAP; the simulator answers like text print: { id, origin_id }.
      if (!/^K5/i.test(boundPrinter(context).model)) throw new CloudError(CLOUD_CODES.WAYBILL_UNSUPPORTED)
      try {
        JSON.parse(context.params.content)
      } catch {
        throw new CloudError(CLOUD_CODES.PARAMETER_ERROR, "content须为JSON")
      }
      return submit(context, "express", context.params.content)
    },
  },

  "expressprint/cancel": {
    auth: "token",
    required: ["machine_code", "content"],
    handle(context) {
      boundPrinter(context)
      return {}
    },
  },

  "printer/cancelall": {
    auth: "token",
    required: ["machine_code"],
    handle(context) {
      context.state.queue.cancelAll(boundPrinter(context))
      return {}
    },
  },

  "printer/cancelone": {
    auth: "token",
    required: ["machine_code", "order_id"],
    handle(context) {
      context.state.queue.cancelOne(boundPrinter(context), context.params.order_id)
      return {}
    },
  },

  "printer/reprintorder": {
    auth: "token",
    required: ["machine_code", "order_id"],
    handle(context) {
      context.state.queue.reprint(boundPrinter(context), context.params.order_id)
      return {}
    },
  },

  "printer/getorderstatus": {
    auth: "token",
    required: ["machine_code", "order_id"],
    handle(context) {
      const job = context.state.queue.requireJob(boundPrinter(context), context.params.order_id)
      return { body: { id: printId(job), origin_id: job.originId, status: reportedStatus(context, job) } }
    },
  },

  "printer/getorderpaginglist": {
    auth: "token",
    required: ["machine_code", "page_index", "page_size"],
    handle(context) {
      const device = boundPrinter(context)
      // ≤ 100 pages of ≤ 100: at most 10 000 records are reachable (reference §3.7).
      const pageIndex = optionalInt(context, "page_index", 1, 100) as number
      const pageSize = optionalInt(context, "page_size", 1, 100) as number
      const newestFirst = context.state.queue.jobsOf(device.machineCode).reverse()
      const page = newestFirst.slice((pageIndex - 1) * pageSize, pageIndex * pageSize)
      return {
        body: page.map((job) => ({
          id: printId(job),
          origin_id: job.originId,
          status: reportedStatus(context, job),
          content: job.content,
          receiving_time: job.receivingTime,
          print_time: job.printTime,
        })),
      }
    },
  },
}
