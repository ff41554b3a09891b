import { z } from "@medusajs/framework/zod"
import { MAX_MENU_NAME_BYTES, menuNameBytes } from "../../../yilianyun"
import { DESIGN_BASES, DESIGN_LIMITS, parseDesign } from "../../../receipt"

// Validators of the admin routes beyond printer binding (those are in ./printers/validators.ts).
// Bodies are .strict(): an unknown field is answered 400 naming it. Medusa prints custom (refine,
// regex) messages as they are, so those messages name their field themselves.

const id = z.string().trim().min(1).max(100)
const templateName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, "Field 'template' must be a template name such as receipt, kitchen or packing")
const httpUrl = (field: string, what: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine((v) => /^https?:\/\/\S+$/i.test(v), `Field '${field}' must be the http(s) URL of the ${what}`)

/** POST /admin/yilianyun/orders/:id/print */
export const PostOrderPrint = z
  .object({
    printer_id: id.optional(),
    template: templateName.optional(),
  })
  .strict()
export type PostOrderPrintType = z.infer<typeof PostOrderPrint>

const designId = z
  .string()
  .trim()
  .regex(/^ylydsg_[A-Za-z0-9]{1,60}$/, "Field 'design_id' must be the id of a saved receipt design (ylydsg_…)")
const version = z.coerce.number().int().min(1)
const onlyOneSource = (v: { template?: string; design_id?: string; design?: unknown }, ctx: z.RefinementCtx) => {
  const given = (["template", "design_id", "design"] as const).filter((k) => v[k] !== undefined)
  if (given.length > 1) {
    ctx.addIssue({ code: "custom", path: [given[1]], message: `Field '${given[1]}' cannot be given together with ${given[0]}: preview one of them` })
  }
}

/** GET /admin/yilianyun/preview */
export const GetPreview = z
  .object({
    order_id: id,
    printer_id: id,
    template: templateName.optional(),
    design_id: designId.optional(),
    design_version: version.optional(),
    reprint: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional()),
  })
  .strict()
  .superRefine(onlyOneSource)
export type GetPreviewType = z.infer<typeof GetPreview>

/** An unsaved design in the designer: checked by the receipt layer's parser, fields named under `design.` */
const UnsavedDesign = z
  .object({
    name: z.string().max(DESIGN_LIMITS.name).optional(),
    base: z.enum(DESIGN_BASES),
    blocks: z.array(z.unknown()),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const issue of parseDesign({ base: v.base, blocks: v.blocks }).issues) {
      ctx.addIssue({ code: "custom", path: issue.field.split("."), message: issue.message.replace(/^Field '/, "Field 'design.") })
    }
  })

/** POST /admin/yilianyun/preview — the designer's live preview */
export const PostPreview = z
  .object({
    design: UnsavedDesign.optional(),
    design_id: designId.optional(),
    design_version: version.optional(),
    template: templateName.optional(),
    order_id: id.optional(),
    printer_id: id.optional(),
    model: z.string().trim().min(1).max(20).optional(),
    paper_width: z.union([z.literal(58), z.literal(80)]).optional(),
    language: z.enum(["zh-CN", "en"]).optional(),
    reprint: z.boolean().optional(),
  })
  .strict()
  .superRefine(onlyOneSource)
export type PostPreviewType = z.infer<typeof PostPreview>

/**
 * Views of GET /admin/yilianyun/jobs: `failed`; `stuck` (queued for over 2 min, or sent and not
 * confirmed for over 10); `pending` (queued: pending, being sent, or waiting to be sent);
 * `waiting` (never reached the cloud, will be sent); `unknown` (last attempt's outcome unknown).
 */
export const JOB_VIEWS = ["failed", "stuck", "pending", "waiting", "unknown"] as const

/** GET /admin/yilianyun/jobs — `status` is one view or several, comma-separated. */
export const GetJobs = z
  .object({
    status: z
      .preprocess(
        (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
        z.array(z.enum(JOB_VIEWS)).min(1)
      )
      .optional(),
    printer_id: id.optional(),
    include_retried: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional()),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict()
export type GetJobsType = z.infer<typeof GetJobs>

/** POST /admin/yilianyun/jobs/retry */
export const PostJobsRetry = z
  .object({
    job_ids: z.array(id).min(1, "Field 'job_ids' must name at least one job").max(50),
  })
  .strict()
export type PostJobsRetryType = z.infer<typeof PostJobsRetry>

/** POST /admin/yilianyun/token/reset */
export const PostTokenReset = z.object({ confirm: z.boolean().optional() }).strict()
export type PostTokenResetType = z.infer<typeof PostTokenReset>

/** POST /admin/yilianyun/push-url */
export const PostPushUrl = z.object({ force: z.boolean().optional() }).strict()
export type PostPushUrlType = z.infer<typeof PostPushUrl>

// ---- device settings (POST /admin/yilianyun/printers/:id/<action>) ----

/** buzzer or horn volume, 0 (mute) to 3 (loud) */
export const PostSound = z
  .object({
    output: z.enum(["buzzer", "horn"]),
    volume: z.number().int().min(0).max(3),
  })
  .strict()
export type PostSoundType = z.infer<typeof PostSound>

/** a stored voice: spoken text (volume 1–9, voice type 0/1/3/4) or an MP3 file, in slot aid 0–9 */
export const PostVoice = z
  .object({
    aid: z.number().int().min(0).max(9).optional(),
    text: z.string().trim().min(1).max(100).optional(),
    volume: z.number().int().min(1).max(9).optional(),
    voice_type: z.union([z.literal(0), z.literal(1), z.literal(3), z.literal(4)]).optional(),
    file_url: httpUrl("file_url", "MP3 file").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.text && !v.file_url) {
      ctx.addIssue({ code: "custom", path: ["text"], message: "Field 'text' is required (or give file_url, the URL of an MP3 file)" })
    }
    if (v.text && v.file_url) {
      ctx.addIssue({ code: "custom", path: ["file_url"], message: "Field 'file_url' cannot be given together with text" })
    }
  })
export type PostVoiceType = z.infer<typeof PostVoice>

/** logo: an image ≤ 350 px wide and ≤ 40 KB at a public URL */
export const PostLogo = z.object({ url: httpUrl("url", "logo image") }).strict()
export type PostLogoType = z.infer<typeof PostLogo>

/** A menu name: the printer allows 18 bytes (UTF-8, the stricter reading: 6 Chinese characters or 18 letters). */
const menuName = z
  .string()
  .trim()
  .min(1, "Field 'menus.name' must not be empty")
  .refine(
    (v) => menuNameBytes(v) <= MAX_MENU_NAME_BYTES,
    `Field 'menus.name' must be at most ${MAX_MENU_NAME_BYTES} bytes — 6 Chinese characters or 18 letters`
  )

/** app menus on the device: choosing one pushes to its URL */
export const PostMenu = z
  .object({
    menus: z
      .array(z.object({ name: menuName, url: httpUrl("menus.url", "menu target") }).strict())
      .min(1)
      .max(9),
  })
  .strict()
export type PostMenuType = z.infer<typeof PostMenu>

/** key-press printing: a receipt waits for the device's key before it prints */
export const PostBtnPrint = z.object({ enabled: z.boolean() }).strict()
export type PostBtnPrintType = z.infer<typeof PostBtnPrint>

/** restart / shutdown / cancel-queue take no fields */
export const PostEmpty = z.object({}).strict()
