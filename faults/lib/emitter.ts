import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import * as readline from "node:readline"
import { CLI, ROOT } from "./infra"

/**
 * A fourth Medusa process (`medusa exec faults/emit-order-placed.ts`, server mode) on the same
 * database and Redis, that re-emits order.placed through Medusa's event bus on request.
 */
export async function startEmitter(env: Record<string, string>, logDir: string) {
  const log = fs.openSync(path.join(logDir, "emitter.log"), "a")
  const child = spawn(process.execPath, [CLI, "exec", "./faults/emit-order-placed.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: "", NODE_ENV: "development", MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: "info", ...env },
    stdio: ["pipe", "pipe", log],
  })
  fs.closeSync(log)
  const waiting = new Map<string, () => void>()
  let ready: () => void
  const isReady = new Promise<void>((r) => (ready = r))
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.startsWith("EMITTER_READY")) ready()
    const m = /^EMITTED (\S+)/.exec(line)
    if (m) waiting.get(m[1])?.()
  })
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)))
  await Promise.race([
    isReady,
    exited.then((code) => {
      throw new Error(`the order.placed emitter exited (${code}) before it was ready; see ${path.relative(ROOT, logDir)}/emitter.log`)
    }),
    new Promise((_, reject) => setTimeout(() => reject(new Error("the order.placed emitter was not ready within 4 minutes")), 240_000)),
  ])
  return {
    /** Resolves once the event is on the bus. */
    emit(orderId: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`re-emitting order.placed for ${orderId} took over 30 s`)), 30_000)
        waiting.set(orderId, () => (clearTimeout(timer), waiting.delete(orderId), resolve()))
        child.stdin!.write(`EMIT ${orderId}\n`)
      })
    },
    async stop(): Promise<void> {
      if (child.exitCode !== null) return
      child.stdin!.end("EXIT\n")
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000)
      await exited
      clearTimeout(timer)
    },
  }
}
