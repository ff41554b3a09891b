// Receipt rendering speed: `npx ts-node --transpile-only bench/render.ts` (or `npm run bench:render`).
// Renders per second of the customer receipt (58 mm, zh-CN) for a 10-item and a 100-item order, and
// of the preview (the layout engine the admin and the simulator use). Machines here are noisy, so a
// baseline is measured in the same run: JSON.stringify of the order plus a naive string
// concatenation of the same item data — the least any renderer must do. Bounded: ~1.5 s a figure.
// Writes .output/bench/render.json.
import {
  designTemplate, getProfile, previewHtml, previewLines, renderReceipt, starterDesign, type ReceiptOrder, type RenderOptions,
} from "../src/receipt"
import { loadNow, loadText, writeBenchJson } from "./lib/output"

const SECONDS_PER_FIGURE = Number(process.env.BENCH_SECONDS ?? 1.5)
const TARGET_10_ITEMS = 5000

const NAMES = [
  "招牌宫保鸡丁（大份，微辣，加花生米）",
  "Classic Beef Burger with Cheddar, Bacon & Onions",
  "麻婆豆腐",
  "水煮牛肉（特辣）",
  "Jasmine Green Tea 茉莉花茶",
]

function order(items: number): ReceiptOrder {
  const lines = Array.from({ length: items }, (_, i) => ({
    title: `${NAMES[i % NAMES.length]} ${i + 1}`,
    variantTitle: i % 2 ? "大份 / 微辣" : undefined,
    quantity: (i % 3) + 1,
    unitPrice: 18.5,
    total: 18.5 * ((i % 3) + 1),
    discount: i % 4 === 0 ? 1 : undefined,
    note: i % 7 === 0 ? "不要香菜, 多放辣" : undefined,
  }))
  const subtotal = lines.reduce((s, l) => s + l.total, 0)
  return {
    id: "order_bench", displayId: 1024, createdAt: "2026-03-08T11:47:30.000Z", currencyCode: "cny", items: lines,
    subtotal, discountTotal: 5, shippingTotal: 8, taxTotal: 0, total: subtotal + 3, paymentStatus: "captured",
    customer: { name: "欧阳娜娜", phone: "13912345678" },
    shippingAddress: { name: "欧阳娜娜", phone: "13912345678", province: "广东省", city: "深圳市", address1: "南山区深南大道10000号" },
    shippingMethod: "同城配送", note: "请<FS2>务必</FS2>在12:30前送到, 谢谢", pickupNumber: "A023",
  }
}

const options: RenderOptions = {
  profile: getProfile("K4", { paperWidth: 58 }),
  language: "zh-CN",
  shopName: "金龙小厨（南山店）",
  headerLines: ["营业时间 10:00-22:00"],
  footerLines: ["谢谢惠顾"],
  qrUrl: "https://shop.example.com/o/{display_id}",
  now: new Date("2026-03-08T12:00:00Z"),
}

/** Runs fn repeatedly for about SECONDS_PER_FIGURE and returns calls per second. */
function perSecond(fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn() // warm-up: JIT and the Intl formatter cache
  let calls = 0
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(Math.round(SECONDS_PER_FIGURE * 1e9))
  let now = start
  while (now < deadline) {
    for (let i = 0; i < 50; i++) fn()
    calls += 50
    now = process.hrtime.bigint()
  }
  return calls / (Number(now - start) / 1e9)
}

function baseline(o: ReceiptOrder): string {
  let s = JSON.stringify(o)
  for (const item of o.items) s += `${item.title} ${item.variantTitle ?? ""} ${item.quantity} x ${item.unitPrice} = ${item.total}\n`
  return s
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9)

const startLoad = loadNow()
const rows: Array<[string, number, number]> = []
const figures: Record<string, Record<string, number>> = {}
for (const items of [10, 100]) {
  const o = order(items)
  const parts = renderReceipt("receipt", o, options).parts
  const render = perSecond(() => renderReceipt("receipt", o, options))
  const base = perSecond(() => baseline(o))
  const preview = perSecond(() => previewLines(parts[0], { columns: 32 }))
  rows.push([`${items} items`, render, base])
  figures[`${items} items`] = { render, preview, baseline: base }
  console.log(
    `receipt ${String(items).padStart(3)} items: ${fmt(render)} renders/s  | preview ${fmt(preview)}/s` +
      ` | baseline (JSON + concat) ${fmt(base)}/s  → render costs ${(base / render).toFixed(1)}× the baseline` +
      ` | ${parts.length} part(s), ${parts[0].length} chars`,
  )
  // the same receipt from a designer's design (its starter blocks), and the admin's SVG preview
  const designed = { ...options, templates: { starter: designTemplate(starterDesign("receipt")) } }
  const design = perSecond(() => renderReceipt("starter", o, designed))
  const html = perSecond(() => previewHtml(parts[0], { columns: 32 }))
  Object.assign(figures[`${items} items`], { design, previewHtml: html })
  console.log(
    `design  ${String(items).padStart(3)} items: ${fmt(design)} renders/s  | preview html (SVG) ${fmt(html)}/s` +
      `  → a design costs ${(render / design).toFixed(2)}× the built-in template`,
  )
}
const tenItems = rows[0][1]
console.log(`target ≥ ${TARGET_10_ITEMS.toLocaleString("en-US")} renders/s for 10 items: ${tenItems >= TARGET_10_ITEMS ? "met" : "NOT met"}`)
console.log(`${loadText()} at the end (${loadText(startLoad)} at the start)`)
const ten = figures["10 items"]
const hundred = figures["100 items"]
writeBenchJson("render", {
  startLoad,
  figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, { render: v.render, preview: v.preview, design: v.design, previewHtml: v.previewHtml }])),
  baseline: { name: "JSON.stringify + a string join of the same order", ...Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.baseline])) },
  readme: [
    {
      bench: "`bench/render.ts` — customer receipt, 58 mm",
      figure: `10 items: **${Math.round(ten.render).toLocaleString("en-US")} renders/s** (preview ${Math.round(ten.preview).toLocaleString("en-US")}/s); 100 items: ${Math.round(hundred.render).toLocaleString("en-US")}/s`,
      baseline: `\`JSON.stringify\` + a string join of the same order: ${Math.round(ten.baseline).toLocaleString("en-US")}/s (${(ten.baseline / ten.render).toFixed(0)}× cheaper)`,
      target: `≥ ${TARGET_10_ITEMS.toLocaleString("en-US")}/s for 10 items: ${tenItems >= TARGET_10_ITEMS ? "met" : "not met"}`,
    },
  ],
})
