import { MedusaContainer } from "@medusajs/framework/types"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"

/** Registers an admin user through the auth routes and returns request headers with its token. */
export async function adminHeaders(api: any, container: MedusaContainer, email = "admin@yilianyun.test") {
  const password = "supersecret"
  const reg = await api.post("/auth/user/emailpass/register", { email, password })
  const payload = JSON.parse(Buffer.from(reg.data.token.split(".")[1], "base64url").toString())
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: payload.auth_identity_id, userData: { email } },
  })
  const login = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${login.data.token}` } }
}
