import type { Scenario } from "../lib/scenario"

/** The shared access token revoked mid-burst, as if another fetch had replaced it (then error 18). */
export const tokenRevoked: Scenario = {
  name: "token-revoked",
  title: "access token revoked mid-burst",
  run: async (ctx, s) => {
    const n = ctx.scale.burstOrders
    const revoke = async () => {
      const t = await ctx.sim.control.revokeToken()
      s.note(`token revoked at the cloud (revoked so far: ${t.revokedCount})`)
    }
    const at = [{ after: Math.max(1, Math.floor(n / 3)), action: revoke }]
    if (ctx.scale.name === "full") at.push({ after: Math.floor((2 * n) / 3), action: revoke })
    await s.burst(n, { at })
  },
}
