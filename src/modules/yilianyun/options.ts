import { z } from "@medusajs/framework/zod"
import { YILIANYUN_API_URL } from "../../yilianyun/endpoints"

/**
 * The configured push URL is registered in the background this long after the store starts (the
 * cloud probes the URL before it accepts it: the server must be listening by then).
 */
export const PUSH_URL_STARTUP_DELAY_MS = 2_000

/** The domestic (mainland China) v2 endpoint; overseas stores set apiUrl to YILIANYUN_API_URL_OVERSEAS. */
export const DEFAULT_API_URL = YILIANYUN_API_URL
/** The cloud allows 20 token fetches per client per rolling 24 h (protocol reference §2.2). */
export const CLOUD_TOKEN_FETCH_LIMIT = 20

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v)
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional())
// The cloud and the push hook carry the app's credentials and signed pushes: https only, except
// on a loopback host, where the simulator runs (127.0.0.0/8, ::1, localhost).
const optionalUrl = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), "must be an http(s) URL")
    .refine(isHttpsOrLoopback, "must be an https:// URL (http:// only on a loopback host such as the simulator on 127.0.0.1)")
    .optional()
)

export function isHttpsOrLoopback(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.protocol === "https:") return true
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase()
  return url.protocol === "http:" && (host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host))
}

// Not .strict(): Medusa adds a `database` key (and may add others) to module options.
export const YilianyunOptionsSchema = z.object({
  clientId: optionalText,
  clientSecret: optionalText,
  apiUrl: optionalUrl.transform((v) => (v ?? DEFAULT_API_URL).replace(/\/+$/, "")),
  pushUrl: optionalUrl,
  rejectAction: z.enum(["metadata", "cancel"]).default("metadata"),
  /** Which `state` value of an oauth_getOrder push means "accept" (v1: 1 accept, 0 reject). */
  acceptState: z.union([z.literal(0), z.literal(1)]).default(1),
  /** Printed times use this zone: Medusa stores have none. */
  timezone: z
    .string()
    .default("Asia/Shanghai")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz })
        return true
      } catch {
        return false
      }
    }, "must be an IANA time zone such as Asia/Shanghai"),
  reconcile: z
    .object({
      enabled: z.boolean().default(true),
      /** how long a `sent` part may wait for its finish push before the cloud is asked */
      unconfirmedAfterMinutes: z.number().int().min(1).max(100).default(5),
    })
    .prefault({}),
  retentionDays: z.number().int().min(1).max(3650).default(90),
  timeouts: z
    .object({
      connectMs: z.number().int().min(100).max(60_000).default(5_000),
      requestMs: z.number().int().min(100).max(120_000).default(15_000),
    })
    .prefault({}),
  retry: z
    .object({
      /** Re-sending stops this long after the first attempt (inside the cloud's 2 h dedupe window). */
      windowMinutes: z.number().int().min(1).max(115).default(110),
      baseDelayMs: z.number().int().min(10).max(600_000).default(2_000),
      maxDelayMs: z.number().int().min(100).max(3_600_000).default(300_000),
      /** attempts made inline by one workflow run before the job is left to the reconciler */
      inlineAttempts: z.number().int().min(1).max(10).default(2),
      /**
       * How long after a request started it may still land at the cloud: a print whose attempt
       * timed out is looked up by origin_id (to withdraw it) only after this.
       */
      requestLifetimeMs: z.number().int().min(100).max(600_000).default(60_000),
      /**
       * A print that could not be sent for this long (cloud down, no token) is marked late on the
       * paper when it finally goes out, with the time the order came in. 0 turns it off.
       */
      lateAfterMinutes: z.number().int().min(0).max(1440).default(10),
      /** after a failed token fetch the next one waits this long, doubling per failure up to 10 minutes (whole store) */
      tokenBackoffMs: z.number().int().min(100).max(600_000).default(5_000),
    })
    .prefault({}),
  /** At most this many token fetches per rolling 24 h (hard cap: the cloud's 20). */
  tokenFetchBudget: z.number().int().min(1).max(CLOUD_TOKEN_FETCH_LIMIT).default(CLOUD_TOKEN_FETCH_LIMIT),
})

export type YilianyunOptionsInput = z.input<typeof YilianyunOptionsSchema>
export type YilianyunOptions = z.output<typeof YilianyunOptionsSchema> & {
  /** the credentials are both present */
  configured: boolean
}

/** Validates plugin/module options; throws one readable error naming every bad field. */
export function parseYilianyunOptions(raw: unknown): YilianyunOptions {
  const result = YilianyunOptionsSchema.safeParse(raw ?? {})
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `\`${i.path.join(".") || "options"}\` ${i.message}`)
      .join("; ")
    throw new Error(`medusa-plugin-yilianyun: invalid plugin options: ${problems}`)
  }
  const o = result.data
  return { ...o, configured: Boolean(o.clientId && o.clientSecret) }
}
