import { apiVersionOf, pushCommandsFor } from "../version"

describe("API version of a base URL", () => {
  it.each([
    ["https://open-api.10ss.net/v2", "v2"],
    ["https://open-api-os.10ss.net/v2/", "v2"],
    ["http://127.0.0.1:18700/v2", "v2"],
    ["https://open-api.10ss.net", "v1"],
    ["https://open-api.10ss.net/", "v1"],
    ["http://127.0.0.1:18700", "v1"],
    ["https://proxy.example.com/yly/v2", "v2"],
    ["https://proxy.example.com/v2/yly", "v1"],
  ])("%s → %s", (url, version) => {
    expect(apiVersionOf(url)).toBe(version)
  })
})

describe("pushCommandsFor", () => {
  it("registers on v2 only the three commands the v2 setpushurl page lists (no oauth_request)", () => {
    expect(pushCommandsFor("https://open-api.10ss.net/v2")).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus"])
  })

  it("registers on v1 the four commands the v1 page lists", () => {
    expect(pushCommandsFor("https://open-api.10ss.net")).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus", "oauth_request"])
  })

  it("never lists the app-menu push (it goes to each menu's own URL)", () => {
    for (const url of ["https://open-api.10ss.net", "https://open-api.10ss.net/v2"]) expect(pushCommandsFor(url)).not.toContain("oauth_printMenu")
  })

  it("returns frozen lists a caller cannot alter for everyone", () => {
    expect(Object.isFrozen(pushCommandsFor("https://open-api.10ss.net/v2"))).toBe(true)
  })
})
