import * as iconv from "iconv-lite"
import { CharClass, classifyCodePoint } from "../width"

// The width table is precomputed (gbk-ranges.ts). Here it is checked against a real GBK encoder
// (iconv-lite, a dev dependency) on every BMP code point.

describe("GBK table", () => {
  it("agrees with iconv-lite's GBK on all 63 000+ BMP code points", () => {
    const mismatches: string[] = []
    for (let cp = 0x20; cp <= 0xffff; cp++) {
      if (cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) continue // DEL is a control character; surrogates
      if (cp >= 0xe000 && cp <= 0xf8ff) continue // private use: no glyphs, deliberately unprintable
      if (cp === 0x20ac) continue // €: CP936-only single byte 0x80, deliberately unprintable
      const s = String.fromCharCode(cp)
      const bytes = iconv.encode(s, "gbk")
      const roundTrips = iconv.decode(bytes, "gbk") === s
      const expected = roundTrips && bytes.length === 1 ? 1 : roundTrips && bytes.length === 2 ? 2 : 0
      const cls = classifyCodePoint(cp)
      const actual = cls === CharClass.Narrow ? 1 : cls === CharClass.Wide ? 2 : 0
      if (actual !== expected && !(cls === CharClass.ZeroWidth && expected === 0)) {
        mismatches.push(`U+${cp.toString(16).toUpperCase()} ours ${actual} gbk ${expected}`)
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([])
  })

  it("zero-width marks we drop are not GBK characters either", () => {
    for (const cp of [0x0301, 0x200b, 0x200d, 0xfe0f, 0xfeff]) {
      expect(iconv.decode(iconv.encode(String.fromCharCode(cp), "gbk"), "gbk")).not.toBe(String.fromCharCode(cp))
    }
  })
})
