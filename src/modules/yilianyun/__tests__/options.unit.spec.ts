import { parseYilianyunOptions } from "../options"

describe("plugin options: apiUrl and pushUrl", () => {
  it.each([
    ["https://open-api.10ss.net/v2"],
    ["https://open-api-os.10ss.net/v2"],
    ["http://127.0.0.1:18700"],
    ["http://127.0.0.1:18700/v2"],
    ["http://localhost:18700/v2"],
    ["http://[::1]:18700/v2"],
  ])("accepts %s", (url) => {
    expect(parseYilianyunOptions({ apiUrl: url, pushUrl: url.replace(/\/v2$/, "/hooks/yilianyun") }).apiUrl).toBe(url)
  })

  it.each([
    ["apiUrl", "http://open-api.10ss.net/v2"],
    ["apiUrl", "http://192.168.1.10:18700/v2"],
    ["pushUrl", "http://shop.example.com/hooks/yilianyun"],
    ["pushUrl", "http://localhost.example.com/hooks/yilianyun"],
    ["pushUrl", "ftp://shop.example.com/hooks"],
  ])("refuses %s %s at start-up with a clear error", (field, url) => {
    expect(() => parseYilianyunOptions({ [field]: url })).toThrow(
      new RegExp(`invalid plugin options: .*\`${field}\` must be an https:// URL \\(http:// only on a loopback host`)
    )
  })

  it("keeps the default https endpoint and an absent pushUrl", () => {
    const options = parseYilianyunOptions({})
    expect(options.apiUrl).toBe("https://open-api.10ss.net/v2")
    expect(options.pushUrl).toBeUndefined()
  })
})
