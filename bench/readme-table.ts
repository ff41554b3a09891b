// Prints the README's benchmark table from the JSON the benches wrote (.output/bench/*.json), so the
// table is regenerated, not hand-copied: `npm run bench:table` after the benches you re-ran.
import * as fs from "node:fs"
import * as path from "node:path"
import { OUTPUT_DIR, type ReadmeRow } from "./lib/output"

const ORDER = ["client", "render", "pipeline", "burst", "push", "footprint"]
const files = fs.existsSync(OUTPUT_DIR) ? fs.readdirSync(OUTPUT_DIR).filter((f) => f.endsWith(".json")) : []
files.sort((a, b) => (ORDER.indexOf(a.replace(".json", "")) + 1 || 99) - (ORDER.indexOf(b.replace(".json", "")) + 1 || 99))
if (!files.length) {
  console.error(`no bench output in ${OUTPUT_DIR}: run a bench first (npm run bench:client, …)`)
  process.exit(1)
}
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ")
console.log("| bench | figure | baseline in the same run | target |")
console.log("|---|---|---|---|")
const runs: string[] = []
for (const f of files) {
  const data = JSON.parse(fs.readFileSync(path.join(OUTPUT_DIR, f), "utf8"))
  for (const row of (data.readme ?? []) as ReadmeRow[]) console.log(`| ${cell(row.bench)} | ${cell(row.figure)} | ${cell(row.baseline)} | ${cell(row.target)} |`)
  const m = data.machine
  runs.push(`${data.bench}: ${m.date.slice(0, 16).replace("T", " ")} UTC, Node ${m.node}, ${m.cpus} cores, load ${(data.startLoad ?? m.loadavg).join(" ")} → ${m.loadavg.join(" ")}`)
}
console.log("")
console.log(`Runs (load average at the start → the end): ${runs.join("; ")}.`)
