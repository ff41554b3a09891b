// The repository is itself a runnable demo store (design §1). A store that installs the plugin
// uses `plugins: [{ resolve: "medusa-plugin-yilianyun", options }]` instead (see README).
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const yilianyunOptions = {
  clientId: process.env.YILIANYUN_CLIENT_ID,
  clientSecret: process.env.YILIANYUN_CLIENT_SECRET,
  apiUrl: process.env.YILIANYUN_API_URL,
  pushUrl: process.env.YILIANYUN_PUSH_URL,
  rejectAction: process.env.YILIANYUN_REJECT_ACTION,
  timeouts: {
    requestMs: numberFromEnv("YILIANYUN_REQUEST_TIMEOUT_MS"),
  },
  retry: {
    baseDelayMs: numberFromEnv("YILIANYUN_RETRY_BASE_MS"),
    tokenBackoffMs: numberFromEnv("YILIANYUN_TOKEN_BACKOFF_MS"),
  },
}

// Several Medusa instances (README "Several Medusa instances"): with REDIS_URL set, the event bus,
// workflow engine, cache and locking move to Redis so a server and a worker (MEDUSA_WORKER_MODE,
// read by Medusa itself) share them. Without REDIS_URL nothing changes: Medusa's in-memory defaults.
const redisUrl = process.env.REDIS_URL
const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

function numberFromEnv(name: string): number | undefined {
  const v = process.env[name]
  return v ? Number(v) : undefined
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000,http://localhost:5173",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:5173",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: {
    disable: process.env.ADMIN_DISABLED === "true",
  },
  modules: [{ resolve: "./src/modules/yilianyun", options: yilianyunOptions }, ...redisModules],
})
