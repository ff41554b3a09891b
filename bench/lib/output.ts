import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const ROOT = path.resolve(__dirname, "../..")
export const OUTPUT_DIR = path.join(ROOT, ".output", "bench")

/** One row of the README's benchmark table, as the bench itself words it (bench/readme-table.ts prints them). */
export interface ReadmeRow {
  bench: string
  figure: string
  baseline: string
  target: string
}

/** What the machine was doing: figures on a shared 2-core machine mean little without it. */
export function machine() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "",
    loadavg: os.loadavg().map((v) => Number(v.toFixed(2))),
    totalMemMB: Math.round(os.totalmem() / 1024 / 1024),
  }
}

/**
 * Writes `.output/bench/<name>.json`: the bench's figures with the baseline of the same run, the
 * machine's load at the start and the end, and the README row. Returns the path.
 */
export function writeBenchJson(
  name: string,
  data: { startLoad?: number[]; figures: Record<string, unknown>; baseline: Record<string, unknown>; notes?: string[]; readme?: ReadmeRow[] }
): string {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true })
  const file = path.join(OUTPUT_DIR, `${name}.json`)
  const body = { bench: name, argv: process.argv.slice(2), machine: machine(), ...data }
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`)
  console.log(`  → ${path.relative(process.cwd(), file)}`)
  return file
}

export const loadNow = () => os.loadavg().map((v) => Number(v.toFixed(2)))
export const loadText = (l: number[] = loadNow()) => `load ${l.map((v) => v.toFixed(2)).join(" ")} on ${os.cpus().length} cores`
