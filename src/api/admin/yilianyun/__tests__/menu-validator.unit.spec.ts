import { PostMenu } from "../validators"

describe("POST /admin/yilianyun/printers/:id/menu body", () => {
  const body = (name: string) => ({ menus: [{ name, url: "https://shop.test/call" }] })

  it("takes names up to 18 bytes: 6 Chinese characters or 18 letters", () => {
    expect(PostMenu.safeParse(body("一二三四五六")).success).toBe(true)
    expect(PostMenu.safeParse(body("a".repeat(18))).success).toBe(true)
    expect(PostMenu.safeParse(body("叫服务员 ok")).success).toBe(true) // 12 + 3 bytes
  })

  it("refuses a longer name in bytes, naming the field, even under 20 characters", () => {
    for (const name of ["一二三四五六七", "a".repeat(19), "叫服务员 please"]) {
      const result = PostMenu.safeParse(body(name))
      expect(result.success).toBe(false)
      expect(JSON.stringify(result.error?.issues)).toMatch(/menus\.name.*18 bytes/)
    }
  })
})
