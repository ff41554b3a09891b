import { formatDateTime } from "../datetime"
import { formatMoney } from "../money"
import { renderReceipt } from "../render"
import { fixtureOrder } from "./fixtures"

describe("money", () => {
  it("formats major units with a printable symbol, never divided by 100", () => {
    expect(formatMoney(38, "cny")).toBe("￥38.00")
    expect(formatMoney(12.5, "USD")).toBe("$12.50")
    expect(formatMoney(1200, "jpy")).toBe("￥1200")
    expect(formatMoney(9.99, "eur")).toBe("EUR 9.99")
    expect(formatMoney(5, "gbp")).toBe("￡5.00")
    expect(formatMoney(3.5, "hkd")).toBe("HK$3.50")
    expect(formatMoney(1.234, "bhd")).toBe("BHD 1.234")
    expect(formatMoney(7, "xyz")).toBe("XYZ 7.00")
  })

  it("has no thousands separator (a comma would split an <LR>) and rounds half up", () => {
    expect(formatMoney(1234567.891, "usd")).toBe("$1234567.89")
    expect(formatMoney(1.005, "usd")).toBe("$1.01")
    expect(formatMoney(-4, "cny")).toBe("-￥4.00")
    expect(formatMoney(-0.001, "cny")).toBe("￥0.00")
    expect(formatMoney(Number.NaN, "cny")).toBe("-")
  })

  it("a receipt prints BigNumber-converted major units as they are", () => {
    const order = { ...fixtureOrder(1), total: 4999, currencyCode: "usd" }
    expect(renderReceipt("receipt", order).parts[0]).toContain("$4999.00")
  })
})

describe("date and time", () => {
  it("prints in the store's time zone", () => {
    const t = "2026-03-08T11:47:30.000Z"
    expect(formatDateTime(t, "Asia/Shanghai")).toBe("2026-03-08 19:47")
    expect(formatDateTime(t, "America/New_York")).toBe("2026-03-08 07:47")
    expect(formatDateTime(new Date(t), "UTC", true)).toBe("2026-03-08 11:47:30")
    expect(formatDateTime("not a date", "UTC")).toBe("-")
  })

  it("rejects a time zone that does not exist, with a sentence", () => {
    expect(() => formatDateTime(new Date(), "Mars/Olympus")).toThrow(/not a time zone.*IANA/)
    expect(() => renderReceipt("receipt", fixtureOrder(1), { timezone: "Mars/Olympus" })).toThrow(/IANA/)
  })
})
