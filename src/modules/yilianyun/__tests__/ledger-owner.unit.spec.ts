import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"

const ROOT = join(__dirname, "../../../..")
const LEDGER = "src/modules/yilianyun/ledger.ts"

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === "__tests__" || name === "node_modules" ? [] : files(path)
    return /\.(ts|tsx|js)$/.test(name) ? [path] : []
  })
}

/**
 * One owner for the print job (design §2.1): only the ledger writes a job or part. The generated
 * CRUD of the module service (updatePrintJobs, createPrintParts, …) would bypass its guards, and
 * so would SQL against the tables anywhere else.
 */
describe("the print ledger is the only writer of jobs and parts", () => {
  const sources = [...files(join(ROOT, "src")), ...files(join(ROOT, "scripts")), ...files(join(ROOT, "bench"))].map((f) => ({
    file: relative(ROOT, f),
    text: readFileSync(f, "utf8"),
  }))

  it("no code calls the generated create/update/delete/upsert methods of jobs and parts", () => {
    const generated = /\b(create|update|upsert|delete|softDelete|restore)Print(Job|Part)s\s*\(/
    expect(sources.filter((s) => generated.test(s.text)).map((s) => s.file)).toEqual([])
  })

  it("no code but the ledger writes the job and part tables with SQL", () => {
    const sql = /\b(insert\s+into|update|delete\s+from)\s+"?yly_print_(job|part)\b/i
    expect(sources.filter((s) => s.file !== LEDGER && !s.file.includes("/migrations/") && sql.test(s.text)).map((s) => s.file)).toEqual([])
  })

  it("the checks would see a write if there were one", () => {
    expect(/\b(create|update|upsert|delete|softDelete|restore)Print(Job|Part)s\s*\(/.test("await yly.updatePrintJobs({ id })")).toBe(true)
    expect(/\b(insert\s+into|update|delete\s+from)\s+"?yly_print_(job|part)\b/i.test("UPDATE yly_print_part SET")).toBe(true)
  })
})
