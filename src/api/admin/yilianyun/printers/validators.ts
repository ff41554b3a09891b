import { z } from "@medusajs/framework/zod"
import { PRINT_TRIGGERS } from "../../../../modules/yilianyun/triggers"

const idList = z.array(z.string().trim().min(1).max(100)).max(200)

export const ReceiptSettings = z
  .object({
    shop_name: z.string().trim().max(64).optional(),
    header_lines: z.array(z.string().max(200)).max(10).optional(),
    footer_lines: z.array(z.string().max(200)).max(10).optional(),
    qr_url: z
      .string()
      .trim()
      .max(190)
      .refine((v) => /^https?:\/\/\S+$/i.test(v), "Field 'receipt_settings.qr_url' must be an http(s) URL")
      .optional(),
    language: z.enum(["zh-CN", "en"]).optional(),
    pickup_number: z.boolean().optional(),
    sound: z
      .union([
        z.object({ kind: z.enum(["buzzer", "horn"]), volume: z.number().int().min(0).max(3) }),
        z.object({ kind: z.literal("voice"), aid: z.number().int().min(0).max(9) }),
        z.object({ kind: z.literal("tts"), text: z.string().min(1).max(50) }),
      ])
      .nullable()
      .optional(),
  })
  .strict()

const Templates = z
  .partialRecord(z.enum(PRINT_TRIGGERS), z.array(z.string().trim().min(1).max(40)).max(5))
  .refine((t) => Object.keys(t).length > 0, "Field 'templates' must name at least one trigger")

const PrinterFields = z.object({
  name: z.string().trim().min(1).max(64),
  model: z.string().trim().min(1).max(20),
  paper_width: z.union([z.literal(58), z.literal(80)]),
  columns: z.number().int().min(16).max(108).nullable(),
  mode: z.enum(["auto", "confirm"]),
  copies: z.number().int().min(1).max(9),
  templates: Templates,
  enabled: z.boolean(),
  sales_channel_id: z.string().trim().min(1).nullable(),
  stock_location_id: z.string().trim().min(1).nullable(),
  product_type_ids: idList.nullable(),
  category_ids: idList.nullable(),
  receipt_settings: ReceiptSettings.nullable(),
})

export const PostPrinter = PrinterFields.partial()
  .extend({
    machine_code: z
      .string()
      .trim()
      .regex(/^\d{6,20}$/, "Field 'machine_code' must be the digits printed on the device label (终端号)"),
    msign: z.string().trim().min(1, "Field 'msign' is required: the key (密钥) printed on the device label").max(64),
    phone: z.string().trim().max(20).optional(),
  })
  .strict()
export type PostPrinterType = z.infer<typeof PostPrinter>

export const UpdatePrinter = PrinterFields.partial().strict()
export type UpdatePrinterType = z.infer<typeof UpdatePrinter>
