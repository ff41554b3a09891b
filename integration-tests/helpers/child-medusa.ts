import { ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"

/**
 * A second Medusa process (`medusa exec <script>`) on the same database as the test's app: what a
 * store running several instances looks like. Lines it prints can be awaited; lines can be sent.
 */
export class ChildMedusa {
  private readonly proc: ChildProcessWithoutNullStreams
  private readonly lines: string[] = []
  private readonly waiters: { prefix: string; resolve: (line: string) => void }[] = []
  private stderr = ""

  constructor(script: string, env: Record<string, string>) {
    const root = path.resolve(__dirname, "../..")
    this.proc = spawn(process.execPath, [require.resolve("@medusajs/cli/cli.js"), "exec", script], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: "", LOG_LEVEL: "error", MEDUSA_DISABLE_TELEMETRY: "true", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    })
    readline.createInterface({ input: this.proc.stdout }).on("line", (line) => {
      const i = this.waiters.findIndex((w) => line.startsWith(w.prefix))
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(line)
      else this.lines.push(line)
    })
    this.proc.stderr.on("data", (d) => (this.stderr = (this.stderr + d).slice(-4000)))
  }

  waitFor(prefix: string, timeoutMs = 90_000): Promise<string> {
    const seen = this.lines.findIndex((l) => l.startsWith(prefix))
    if (seen >= 0) return Promise.resolve(this.lines.splice(seen, 1)[0])
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child medusa did not print "${prefix}" in ${timeoutMs} ms; stderr: ${this.stderr}`)),
        timeoutMs
      )
      this.waiters.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) })
      this.proc.once("exit", (code) => reject(new Error(`child medusa exited (${code}); stderr: ${this.stderr}`)))
    })
  }

  send(line: string): void {
    this.proc.stdin.write(`${line}\n`)
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return
    const exited = new Promise((r) => this.proc.once("exit", r))
    this.send("EXIT")
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), 15_000)
    await exited
    clearTimeout(timer)
  }
}
