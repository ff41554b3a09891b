#!/usr/bin/env node
// `yilianyun-simulator --port 18700 [--host 127.0.0.1] [--client-id X --client-secret Y]`
// Runs the Yilianyun cloud simulator until SIGINT/SIGTERM.
import { startSimulator } from "./index"

const USAGE = `usage: yilianyun-simulator [--port 18700] [--host 127.0.0.1] [--client-id ID --client-secret SECRET]
                           [--finish-delay-ms 200] [--push-timeout-ms 3000] [--token-quota 20]
                           [--behavior '{"printIdDigits":19,"probePushUrls":false}'] [--verbose]`

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--help" || arg === "-h" || arg === "--verbose") {
      args.set(arg.replace(/^-+/, ""), "true")
      continue
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!match) throw new Error(`unexpected argument ${arg}`)
    const value = match[2] ?? argv[++i]
    if (value === undefined) throw new Error(`${arg} needs a value`)
    args.set(match[1], value)
  }
  return args
}

function numberArg(args: Map<string, string>, name: string): number | undefined {
  const raw = args.get(name)
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`)
  return value
}

function behaviorArg(args: Map<string, string>): Record<string, unknown> | undefined {
  const raw = args.get("behavior")
  if (raw === undefined) return undefined
  try {
    return JSON.parse(raw) as Record<string, unknown>
  } catch {
    throw new Error("--behavior must be a JSON object of switches, e.g. '{\"printIdDigits\":19}'")
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (args.has("help") || args.has("h")) {
    console.log(USAGE)
    return
  }
  const verbose = args.has("verbose")
  const simulator = await startSimulator({
    port: numberArg(args, "port") ?? 18700,
    host: args.get("host"),
    clientId: args.get("client-id"),
    clientSecret: args.get("client-secret"),
    finishDelayMs: numberArg(args, "finish-delay-ms"),
    pushTimeoutMs: numberArg(args, "push-timeout-ms"),
    tokenQuota: numberArg(args, "token-quota"),
    behavior: behaviorArg(args),
    logger: {
      info: (message) => console.log(message),
      warn: (message) => console.warn(message),
      debug: verbose ? (message) => console.log(message) : undefined,
    },
  })
  // The default secret is a published test value, so showing it is the point; a secret the user
  // chose is not echoed (it may be reused elsewhere).
  const secretShown = args.has("client-secret") ? "(as given with --client-secret)" : simulator.clientSecret
  console.log(`Yilianyun simulator: ${simulator.url} (API also under ${simulator.url}/v2)`)
  console.log(`  client_id     ${simulator.clientId}`)
  console.log(`  client_secret ${secretShown}`)
  console.log(`  control API   ${simulator.url}/_sim/health`)

  const stop = (signal: string) => {
    console.log(`${signal}: stopping the simulator`)
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once("SIGINT", () => stop("SIGINT"))
  process.once("SIGTERM", () => stop("SIGTERM"))
}

main().catch((error: Error & { code?: string; port?: number }) => {
  if (error.code === "EADDRINUSE") {
    // the most common start-up failure: say which port, and how to pick another
    console.error(`yilianyun-simulator: port ${error.port} is already in use (another simulator, or \`npm run demo\`?) — choose another with --port, e.g. --port ${(error.port ?? 18700) + 1}`)
  } else {
    console.error(`yilianyun-simulator: ${error.message}\n${USAGE}`)
  }
  process.exit(1)
})
