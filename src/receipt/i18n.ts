/** Receipt labels in the two languages a printer can be set to. Any label can be overridden per printer. */
export type ReceiptLanguage = "zh-CN" | "en"

export interface ReceiptLabels {
  receiptTitle: string
  kitchenTitle: string
  packingTitle: string
  cancelTitle: string
  testTitle: string
  order: string
  pickupNumber: string
  orderedAt: string
  canceledAt: string
  printedAt: string
  salesChannel: string
  item: string
  amount: string
  quantityShort: string
  times: string
  itemDiscount: string
  subtotal: string
  discount: string
  shipping: string
  tax: string
  total: string
  payment: string
  note: string
  itemNote: string
  customer: string
  phone: string
  shipTo: string
  shippingMethod: string
  fulfillment: string
  location: string
  itemCount: string
  reprint: string
  cancelNotice: string
  cancelReason: string
  originalTotal: string
  testModel: string
  testPaper: string
  testColumns: string
  testSizes: string
  testAlign: string
  paymentStatus: Record<string, string>
}

const ZH: ReceiptLabels = {
  receiptTitle: "顾客联",
  kitchenTitle: "厨房单",
  packingTitle: "配货单",
  cancelTitle: "订单已取消",
  testTitle: "打印测试",
  order: "订单",
  pickupNumber: "取餐号",
  orderedAt: "下单时间",
  canceledAt: "取消时间",
  printedAt: "打印时间",
  salesChannel: "渠道",
  item: "商品",
  amount: "金额",
  quantityShort: "数量",
  times: "×",
  itemDiscount: "优惠",
  subtotal: "小计",
  discount: "优惠",
  shipping: "运费",
  tax: "税费",
  total: "合计",
  payment: "支付状态",
  note: "备注",
  itemNote: "备注",
  customer: "顾客",
  phone: "电话",
  shipTo: "收货地址",
  shippingMethod: "配送方式",
  fulfillment: "发货单",
  location: "发货仓",
  itemCount: "共 {n} 件",
  reprint: "*** 补打 / REPRINT ***",
  cancelNotice: "此订单已取消，请停止制作/配送",
  cancelReason: "原因",
  originalTotal: "原订单金额",
  testModel: "型号",
  testPaper: "纸宽",
  testColumns: "每行列数",
  testSizes: "字号",
  testAlign: "对齐",
  paymentStatus: {
    captured: "已支付", completed: "已支付", authorized: "已授权(待扣款)", partially_authorized: "部分授权",
    partially_captured: "部分支付", not_paid: "未支付", awaiting: "待支付", requires_action: "待支付",
    refunded: "已退款", partially_refunded: "部分退款", canceled: "已取消",
  },
}

const EN: ReceiptLabels = {
  receiptTitle: "CUSTOMER COPY",
  kitchenTitle: "KITCHEN",
  packingTitle: "PACKING SLIP",
  cancelTitle: "ORDER CANCELED",
  testTitle: "TEST PAGE",
  order: "Order",
  pickupNumber: "Pickup",
  orderedAt: "Placed",
  canceledAt: "Canceled",
  printedAt: "Printed",
  salesChannel: "Channel",
  item: "Item",
  amount: "Amount",
  quantityShort: "Qty",
  times: "x",
  itemDiscount: "Discount",
  subtotal: "Subtotal",
  discount: "Discount",
  shipping: "Shipping",
  tax: "Tax",
  total: "TOTAL",
  payment: "Payment",
  note: "Note",
  itemNote: "Note",
  customer: "Customer",
  phone: "Phone",
  shipTo: "Ship to",
  shippingMethod: "Delivery",
  fulfillment: "Fulfillment",
  location: "From",
  itemCount: "{n} item(s)",
  reprint: "*** REPRINT ***",
  cancelNotice: "This order was canceled: stop preparing or shipping it.",
  cancelReason: "Reason",
  originalTotal: "Order total",
  testModel: "Model",
  testPaper: "Paper",
  testColumns: "Columns",
  testSizes: "Sizes",
  testAlign: "Alignment",
  paymentStatus: {
    captured: "Paid", completed: "Paid", authorized: "Authorized", partially_authorized: "Partly authorized",
    partially_captured: "Partly paid", not_paid: "Not paid", awaiting: "Awaiting payment",
    requires_action: "Awaiting payment", refunded: "Refunded", partially_refunded: "Partly refunded",
    canceled: "Canceled",
  },
}

export const LABELS: Readonly<Record<ReceiptLanguage, ReceiptLabels>> = { "zh-CN": ZH, en: EN }

/** Labels for a language ("zh-CN" unless "en"), with per-printer overrides applied. */
export function labelsFor(language: string | undefined, overrides?: Partial<ReceiptLabels>): ReceiptLabels {
  const base = language === "en" ? EN : ZH
  return overrides ? { ...base, ...overrides, paymentStatus: { ...base.paymentStatus, ...overrides.paymentStatus } } : base
}

/** A payment status word in the printer's language (unknown words print as given). */
export function paymentStatusLabel(labels: ReceiptLabels, status: string): string {
  return labels.paymentStatus[status] ?? status
}
