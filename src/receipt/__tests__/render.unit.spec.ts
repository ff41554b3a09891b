import { MarkupBuilder } from "../builder"
import { previewText } from "../preview"
import { getProfile } from "../profiles"
import { createTemplateRegistry, getTemplate, listTemplates, registerTemplate } from "../registry"
import { renderReceipt } from "../render"
import { sampleOrder } from "../sample"
import type { TemplateFn } from "../types"
import { fixtureOptions, fixtureOrder } from "./fixtures"
import { printRuleViolations } from "./invariants"

describe("renderReceipt: control tags per model", () => {
  it("K4 in confirm mode with a horn and 3 copies: MN, MC, MS at the very start", () => {
    const r = renderReceipt("receipt", sampleOrder(), {
      profile: getProfile("K4"), confirm: true, copies: 3, sound: { kind: "horn", volume: 2 },
    })
    expect(r.parts[0].startsWith("<MN>3</MN><MC>1,00000,2</MC><MS>1,2</MS><center>")).toBe(true)
    expect(r.warnings).toEqual([])
  })

  it("confirmation options map to <MC>variant,seconds,timeout-report</MC>", () => {
    const r = renderReceipt("kitchen", sampleOrder(), {
      profile: getProfile("K6"), confirm: { variant: 3, timeoutSeconds: 90, onTimeout: "accept" },
    })
    expect(r.parts[0].startsWith("<MC>3,00090,1</MC>")).toBe(true)
  })

  it("K5 gets no <MC> and no <MS>; the warnings say what to do instead", () => {
    const r = renderReceipt("receipt", sampleOrder(), {
      profile: getProfile("K5", { printWidthMm: 108 }), confirm: true, sound: { kind: "buzzer", volume: 1 },
    })
    expect(r.parts[0]).not.toMatch(/<MC>|<MS>/)
    expect(r.parts[0].startsWith("<PW>108</PW>")).toBe(true)
    expect(r.columns).toBe(72)
    expect(r.warnings.join(" ")).toMatch(/cannot accept or reject.*automatic mode/)
    expect(r.warnings.join(" ")).toMatch(/volume on the device/)
  })

  it("speaks on A models (<audio>), S models (<TTS>), plays stored voices (<VN>) on a K4 from firmware a8.5.0", () => {
    const tts = { kind: "tts" as const, text: "新订单, 请<FB>查收</FB>" }
    expect(renderReceipt("kitchen", sampleOrder(), { profile: getProfile("K4-WAD"), sound: tts }).parts[0])
      .toMatch(/^<audio>新订单， 请＜FB＞查收＜\/FB＞,5,0<\/audio>/)
    expect(renderReceipt("kitchen", sampleOrder(), { profile: getProfile("K4-WUS"), sound: tts }).parts[0])
      .toMatch(/^<TTS>新订单， 请＜FB＞查收＜\/FB＞<\/TTS>/)
    expect(renderReceipt("kitchen", sampleOrder(), { profile: getProfile("K4", { firmware: "a8.5.0" }), sound: { kind: "voice", aid: 4 } }).parts[0])
      .toMatch(/^<VN>4<\/VN>/)
    // A K4 of unknown or older firmware gets no <VN> (it would print it as text), and says why.
    for (const firmware of [undefined, "a7", "a8.4.9"]) {
      const r = renderReceipt("kitchen", sampleOrder(), { profile: getProfile("K4", { firmware }), sound: { kind: "voice", aid: 4 } })
      expect(r.parts[0]).not.toMatch(/<VN>/)
      expect(r.warnings.join()).toMatch(/K4.*cannot play a stored voice.*a8\.5\.0/)
    }
    expect(renderReceipt("kitchen", sampleOrder(), { profile: getProfile("W1"), sound: tts }).warnings.join()).toMatch(/cannot speak/)
  })

  it("a reprint carries a visible 补打 / REPRINT line without spending a <center>", () => {
    const zh = renderReceipt("receipt", sampleOrder(), { reprint: true })
    expect(previewText(zh.parts[0]).split("\n")[0].trim()).toBe("*** 补打 / REPRINT ***")
    const en = renderReceipt("kitchen", sampleOrder(), { reprint: true, language: "en" })
    expect(previewText(en.parts[0]).split("\n")[0].trim()).toBe("*** REPRINT ***")
    expect(zh.parts[0].startsWith("<FH2><FB>")).toBe(true)
  })

  it("a split keeps the copies at the start of every part, the sound and the confirmation (one decision) on the first only", () => {
    const r = renderReceipt("receipt", fixtureOrder(30), {
      ...fixtureOptions("en"), profile: getProfile("K4"), copies: 2, confirm: true,
      sound: { kind: "buzzer", volume: 3 }, maxContentLength: 1200,
    })
    expect(r.parts.length).toBeGreaterThan(2)
    r.parts.forEach((part, i) => {
      expect(part.startsWith(i === 0 ? "<MN>2</MN><MC>1,00000,2</MC><MS>0,3</MS>" : "<MN>2</MN><FB>")).toBe(true)
      expect(printRuleViolations(part, 32, 1200)).toEqual([])
      expect(previewText(part)).toContain(`#1024 (${i + 1}/${r.parts.length})`)
    })
  })
})

describe("template registry", () => {
  const custom: TemplateFn = (order, profile, options) =>
    new MarkupBuilder(profile).center(`${options.labels.order} #${order.displayId}`, { size: "FS2" }).text(order.note).toString()

  it("has the built-ins", () => {
    expect(listTemplates()).toEqual(expect.arrayContaining(["cancel", "kitchen", "packing", "receipt", "test"]))
  })

  it("routes a store template registered by name like a built-in", () => {
    registerTemplate("bar-ticket", custom)
    expect(getTemplate("bar-ticket")).toBe(custom)
    const r = renderReceipt("bar-ticket", sampleOrder(), { copies: 2 })
    expect(r.template).toBe("bar-ticket")
    expect(r.parts[0]).toBe("<MN>2</MN><FS2><center>订单 #1001</center></FS2>请尽快送达\n")
  })

  it("takes templates from the options first, and a private registry", () => {
    const registry = createTemplateRegistry({ mine: custom })
    expect(renderReceipt("mine", sampleOrder(), {}, registry).template).toBe("mine")
    expect(renderReceipt("receipt", sampleOrder(), { templates: { receipt: custom } }).parts[0]).toContain("<FS2><center>")
    expect(() => renderReceipt("nope", sampleOrder())).toThrow(/no receipt template called "nope".*receipt/)
    expect(() => registerTemplate("bad name!", custom)).toThrow(/not usable/)
  })

  it("keeps a store template's own leading control tags first and its over-limit tags in check", () => {
    const noisy: TemplateFn = () => "<MN>2</MN>" + "<center>x</center>".repeat(30)
    const r = renderReceipt(noisy, sampleOrder(), { reprint: true })
    expect(r.parts[0].startsWith("<MN>2</MN><FH2>")).toBe(true)
    expect(printRuleViolations(r.parts[0], 32)).toEqual([])
    expect(r.warnings.join()).toMatch(/more than 25 times; 5 were printed as padded lines/)
  })

  it("test page prints the ruler exactly one line wide for each paper", () => {
    for (const paperWidth of [58, 80] as const) {
      const columns = paperWidth === 58 ? 32 : 48
      const lines = previewText(renderReceipt("test", sampleOrder(), { profile: getProfile("K4", { paperWidth }) }).parts[0], { columns }).split("\n")
      expect(lines).toContain("1234567890".repeat(5).slice(0, columns))
    }
  })
})
