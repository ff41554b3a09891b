import { firmwareAtLeast, getProfile, literalVoiceTags } from "../profiles"

describe("model profiles", () => {
  it("58 mm = 32 columns, 80 mm = 48", () => {
    expect(getProfile("K4").columns).toBe(32)
    expect(getProfile("K4", { paperWidth: 80 }).columns).toBe(48)
    expect(getProfile("K6", { columns: 42 }).columns).toBe(42)
  })

  it("K5 (and B1): wide mode through <PW>, no confirmation tag, no accept/reject", () => {
    const k5 = getProfile("K5", { printWidthMm: 108 })
    expect(k5.columns).toBe(72)
    expect(k5.printWidthMm).toBe(108)
    expect(k5.supports.MC).toBe(false)
    expect(k5.acceptReject).toBe(false)
    expect(getProfile("B1").acceptReject).toBe(false)
    expect(getProfile("K4", { printWidthMm: 108 }).columns).toBe(32) // only K5/B1 have <PW>
  })

  it("per-model tags: MS on K4/X1, MC not on K5, cut/logo on X1, voice by suffix", () => {
    expect(getProfile("K4-WH").supports.MS).toBe(true)
    expect(getProfile("X1").supports.MK).toBe(true)
    expect(getProfile("K6").supports.MS).toBe(false)
    expect(getProfile("K6").supports.MC).toBe(true)
    expect(getProfile("K4-WAD").supports.audio).toBe(true)
    expect(getProfile("K4-WH").supports.audio).toBe(false)
    expect(getProfile("K4-WUS").supports.TTS).toBe(true)
    expect(getProfile("K2S").supports.MA).toBe(true)
    expect(getProfile("K8").supports.BR2).toBe(false)
    expect(getProfile("k7-ghc").family).toBe("K7")
  })

  it("voice tags only where the document grants them: <VN> from K4 firmware a8.5.0, K8, Q1; <audio> on A models, not on new K4 firmware", () => {
    expect(getProfile("K4").supports.VN).toBe(false) // firmware unknown
    expect(getProfile("K4", { firmware: "a7" }).supports.VN).toBe(false)
    expect(getProfile("K4", { firmware: "a8.4.9" }).supports.VN).toBe(false)
    expect(getProfile("K4", { firmware: "a8.5.0" }).supports.VN).toBe(true)
    expect(getProfile("K4-WH", { firmware: "A8.10" }).supports.VN).toBe(true)
    expect(getProfile("K4", { firmware: "8.5.0" }).supports.VN).toBe(false) // another numbering: nothing claimed
    expect(getProfile("K8").supports.VN).toBe(true)
    expect(getProfile("Q1")).toMatchObject({ family: "Q1", known: true, acceptReject: false })
    expect(getProfile("Q1").supports.VN).toBe(true)
    expect(getProfile("K6").supports.VN).toBe(false)

    expect(getProfile("K4-WA").supports.audio).toBe(true)
    expect(getProfile("K6-WEAD").supports.audio).toBe(true)
    expect(getProfile("K4-WAD", { firmware: "a7" }).supports.audio).toBe(true)
    expect(getProfile("K4-WAD", { firmware: "a8.5.0" }).supports.audio).toBe(false) // K4 new firmware lacks it
    expect(getProfile("K4").supports.audio).toBe(false)
    expect(getProfile("K8").supports.audio).toBe(false)
    expect(getProfile("Q1").supports.audio).toBe(false)
    expect(getProfile("K4", { firmware: " a8.6.0 " }).firmware).toBe("a8.6.0")
  })

  it("compares firmware versions numerically, within one letter prefix", () => {
    expect(firmwareAtLeast("a8.5.0", "a8.5.0")).toBe(true)
    expect(firmwareAtLeast("a8.5", "a8.5.0")).toBe(true)
    expect(firmwareAtLeast("a10.0", "a8.5.0")).toBe(true)
    expect(firmwareAtLeast("a8.4.12", "a8.5.0")).toBe(false)
    expect(firmwareAtLeast("a7", "a8.5.0")).toBe(false)
    expect(firmwareAtLeast("b9", "a8.5.0")).toBeUndefined()
    expect(firmwareAtLeast("", "a8.5.0")).toBeUndefined()
    expect(firmwareAtLeast(undefined, "a8.5.0")).toBeUndefined()
  })

  it("lists the voice tags a printer would print as text", () => {
    expect(literalVoiceTags(getProfile("K4"))).toEqual(["VN", "VD", "VA", "VI", "audio"])
    expect(literalVoiceTags(getProfile("K4-WAD"))).toEqual(["VN", "VD", "VA", "VI"])
    expect(literalVoiceTags(getProfile("K4", { firmware: "a8.5.0" }))).toEqual(["audio"])
    expect(literalVoiceTags(getProfile("K4-WAD", { firmware: "a8.5.0" }))).toEqual(["audio"])
  })

  it("an unknown model falls back to a conservative K4 58 mm profile", () => {
    const p = getProfile("ZZ-9000")
    expect(p).toMatchObject({ family: "K4", known: false, paperWidth: 58, columns: 32, acceptReject: false })
    expect(p.supports.center).toBe(true)
    expect(p.supports.MS).toBe(false)
    expect(p.supports.MC).toBe(false)
    expect(getProfile(undefined).model).toBe("UNKNOWN")
  })
})
