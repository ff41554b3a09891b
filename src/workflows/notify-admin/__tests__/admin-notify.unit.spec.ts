import { printFailedNotice } from ".."
import { printerTroubleNotice } from ".."

describe("admin feed notices", () => {
  const change = { printer_id: "ylyprn_1", machine_code: "4004000001", previous: "online", waiting_jobs: 3 }

  it("speaks up when a printer stops with jobs waiting, in both languages", () => {
    const offline = printerTroubleNotice({ ...change, status: "offline" }, "厨房")!
    expect(offline.title).toMatch(/打印机离线.*厨房 is offline/)
    expect(offline.description).toMatch(/3 jobs waiting.*power and network/)
    const paper = printerTroubleNotice({ ...change, status: "paper_out", waiting_jobs: 1 }, "前台")!
    expect(paper.title).toMatch(/缺纸.*out of paper/)
    expect(paper.description).toMatch(/1 job waiting/)
  })

  it("stays quiet with nothing waiting, when back online, or when the state did not change", () => {
    expect(printerTroubleNotice({ ...change, status: "offline", waiting_jobs: 0 }, "厨房")).toBeNull()
    expect(printerTroubleNotice({ ...change, status: "online", previous: "offline" }, "厨房")).toBeNull()
    expect(printerTroubleNotice({ ...change, status: "offline", previous: "offline" }, "厨房")).toBeNull()
  })

  it("names the order, the printer and the reason of a failed print, and what to do", () => {
    const n = printFailedNotice({ order_id: "order_1", job_id: "j", printer_id: "p", reason: "The printer key is wrong." }, "#1001", "前台")
    expect(n.title).toContain("#1001")
    expect(n.title).toContain("前台")
    expect(n.description).toMatch(/^The printer key is wrong\. Retry it/)
  })
})
