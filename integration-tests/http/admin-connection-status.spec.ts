import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { expectedMsign, pushSign } from "../../src/simulator"
import { YilianyunClient } from "../../src/yilianyun"
import { adminHeaders } from "../helpers/admin"
import { useSimulator } from "../helpers/simulator"

jest.setTimeout(180_000)

const PUSH_URL = "https://shop.example.com/hooks/yilianyun"
const h = useSimulator({ env: { YILIANYUN_PUSH_URL: PUSH_URL } })
const MC = "4004000901"
const HOUR = 60 * 60 * 1000

/**
 * What GET /admin/yilianyun/status tells the connection card, from real conditions on the
 * simulator: why no token is fetched (a wrong secret, a wrong clock, the cloud's own quota) and
 * when that lifts, the clock offset measured from the cloud's answers, each push command's
 * registration, and the pushes the hook refused.
 */
medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let auth: { headers: Record<string, string> }
    let container: MedusaContainer
    const yly = () => container.resolve<any>("yilianyun")
    const sql = async (text: string, params: any[] = []) =>
      (await container.resolve(ContainerRegistrationKeys.PG_CONNECTION).raw(text, params)).rows
    const call = (p: Promise<any>) => p.catch((e: any) => e.response)
    const status = async () => (await api.get("/admin/yilianyun/status", auth)).data
    const bind = () => call(api.post("/admin/yilianyun/printers", { machine_code: MC, msign: expectedMsign(MC) }, auth))
    /** a store with no token yet: the next call that needs one fetches it */
    const noToken = async () => {
      await sql(`DELETE FROM yly_credential`)
      await sql(`DELETE FROM yly_token_fetch`)
      yly().forgetCachedToken()
    }
    const expectNoSecrets = (data: unknown) => {
      const text = JSON.stringify(data)
      expect(text).not.toContain(h.sim.clientSecret)
      expect(text).not.toMatch(/access_token|refresh_token|[0-9a-f]{32}/)
    }

    beforeEach(async () => {
      container = getContainer()
      yly().forgetCachedToken()
      auth = await adminHeaders(api, container)
    })

    it("says fetching stopped on a wrong secret, when it tries again on its own, and that no budget was spent", async () => {
      await noToken()
      // the cloud refuses the credentials at the token endpoint (code 11: sign check failed)
      await h.sim.control.setFaults({ errorNext: { code: 11, count: 1000, paths: ["oauth/oauth"] } })
      const first = await bind()
      expect(first.status).toBe(503)
      expect((await bind()).status).toBe(503) // asked again: no second fetch
      const { token, ...rest } = await status()
      expect(token.fetch_blocked).toMatchObject({ reason: "secret" })
      const since = new Date(token.fetch_blocked.since).getTime()
      expect(Math.abs(since - Date.now())).toBeLessThan(60_000)
      expect(new Date(token.backoff_until).getTime() - since).toBe(6 * HOUR)
      expect(token).toMatchObject({ fetches_last_24h: 0, attempts_last_24h: 1, budget_left: 20, cloud_quota_exhausted: null })
      expect(token.last_error).toBeTruthy()
      expectNoSecrets({ token, ...rest })
    })

    it("names the clock when the cloud refuses the token request for its time", async () => {
      await noToken()
      // this server's clock is 15 minutes off the cloud's: the cloud refuses the request's timestamp
      await h.sim.control.setBehavior({ clockSkewSec: 15 * 60 })
      expect((await bind()).status).toBe(503)
      const { token } = await status()
      expect(token.fetch_blocked).toMatchObject({ reason: "clock" })
      expect(token.backoff_until).toBeTruthy()
      expect(token.budget_left).toBe(20)
    })

    it("says the cloud's own quota is spent (error 41): printing waits, until when, and the next attempt", async () => {
      await noToken()
      // another app instance (or a script) spent the cloud's 20 fetches of the day
      const other = new YilianyunClient({ clientId: h.sim.clientId, clientSecret: h.sim.clientSecret, apiUrl: `${h.sim.url}/v2` })
      for (let i = (await h.sim.control.tokens()).fetchesInWindow; i < 20; i++) await other.oauth.getToken()
      await other.close()
      // the printer cannot be bound now: a wait for the token (503), not a fault in what was sent,
      // with the cloud's refusal as a sentence; nothing is half-bound
      const res = await bind()
      expect(res.status).toBe(503)
      expect(res.data).toMatchObject({ type: "token_unavailable", code: 41 })
      expect(res.data.message).toMatch(/limit of 20 Yilianyun token fetches/)
      expect((await api.get("/admin/yilianyun/printers", auth)).data.printers).toEqual([])
      const { token } = await status()
      expect(token.fetch_blocked).toBeNull()
      expect(token.cloud_quota_exhausted).toBeTruthy()
      const refusedAt = new Date(token.cloud_quota_exhausted.refused_at).getTime()
      expect(new Date(token.cloud_quota_exhausted.frees_by).getTime() - refusedAt).toBe(24 * HOUR)
      expect(new Date(token.backoff_until).getTime()).toBeGreaterThan(Date.now())
      // the cloud counted it: it is spent here too
      expect(token.fetches_last_24h).toBe(1)
    })

    it("shows the measured clock offset and the push freshness window it is judged against", async () => {
      await h.sim.control.setBehavior({ clockSkewSec: 120 })
      const printer = (await bind()).data.printer
      // a few answers from the cloud, enough for the median of the last five
      for (let i = 0; i < 4; i++) await api.get(`/admin/yilianyun/printers/${printer.id}/status`, auth)
      const s = await status()
      expect(s.clock_offset_ms).toBeGreaterThan(115_000)
      expect(s.clock_offset_ms).toBeLessThan(125_000)
      expect(s.push_freshness).toEqual({ max_age_sec: 600, max_future_sec: 60 })
      if (s.clock_offset_measured_at !== null) expect(Number.isNaN(Date.parse(s.clock_offset_measured_at))).toBe(false)
    })

    it("lists each push command with its registration, the cloud's refusal in its words", async () => {
      await h.sim.control.setFaults({ errorNext: { code: 34, count: 1, paths: ["oauth/setpushurl"] } })
      await api.post("/admin/yilianyun/push-url", { force: true }, auth)
      const s = await status()
      expect(s.push_url_expected_commands).toEqual(["oauth_finish", "oauth_getOrder", "oauth_printStatus"])
      const states = s.push_url_expected_commands.map((cmd: string) => s.push_url_commands[cmd])
      const refused = states.filter((c: any) => c?.error)
      expect(refused).toHaveLength(1)
      expect(refused[0].error).toMatch(/\w+ \w+ \w+/) // a sentence
      expect(states.filter((c: any) => c?.at && !Number.isNaN(Date.parse(c.at)))).toHaveLength(2)
      expect(s.push_url_registered).toBe(true)
      expectNoSecrets(s)
    })

    it("counts refused pushes by reason, with the last time and command of each", async () => {
      const hook = `${api.defaults.baseURL}/hooks/yilianyun`
      const post = (fields: Record<string, string | number>, sign?: string) => {
        const push_time = Number(fields.push_time ?? Math.floor(Date.now() / 1000))
        const body = new URLSearchParams(
          Object.entries({ ...fields, push_time, sign: sign ?? pushSign(h.sim.clientId, push_time, h.sim.clientSecret) }).map(
            ([k, v]) => [k, String(v)]
          )
        )
        return fetch(hook, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() })
      }
      expect((await status()).push_refusals).toEqual([])
      const before = Date.now()
      expect((await post({ cmd: "oauth_printStatus", machine_code: MC, online: 1 }, "0".repeat(32))).status).toBe(401)
      expect((await post({ cmd: "oauth_printStatus", machine_code: MC, online: 1 }, "1".repeat(32))).status).toBe(401)
      const old = Math.floor(Date.now() / 1000) - 3600
      expect((await post({ cmd: "oauth_finish", machine_code: MC, order_id: "123", state: 1, push_time: old })).status).toBe(401)
      const s = await status()
      const byReason = Object.fromEntries(s.push_refusals.map((r: any) => [r.reason, r]))
      expect(Object.keys(byReason).sort()).toEqual(["bad_sign", "stale"])
      expect(byReason.bad_sign).toMatchObject({ count: 2, last_cmd: "oauth_printStatus" })
      expect(byReason.stale).toMatchObject({ count: 1, last_cmd: "oauth_finish" })
      for (const r of s.push_refusals) expect(new Date(r.last_at).getTime()).toBeGreaterThanOrEqual(before - 5_000)
    })
  },
})
