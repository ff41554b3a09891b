import { generateEntityId, MedusaError } from "@medusajs/framework/utils"

/**
 * Receipt designs and their versions (design §2 has the print ledger; this is beside it). Every
 * write runs in one transaction: a design and the version row of what it now prints are written
 * together, so a job can always find the blocks it printed with. Blocks arrive already parsed and
 * normalized (receipt/design/parse.ts).
 */
interface SqlManager {
  transactional<T>(fn: (em: SqlManager) => Promise<T>): Promise<T>
  execute(sql: string, params?: unknown[]): Promise<any>
}

export type DesignRecord = {
  id: string
  name: string
  base: string
  blocks: unknown[]
  version: number
  archived_at: Date | null
  created_at: Date
  updated_at: Date
}

export type DesignVersionRecord = { design_id: string; version: number; name: string; base: string; blocks: unknown[]; created_at: Date }

export type DesignContent = { name: string; base: string; blocks: unknown[] }

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v)

/** JSON with object keys sorted: jsonb does not keep key order, so content is compared this way. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as any)[k])}`).join(",")}}`
  }
  return JSON.stringify(v)
}
const row = (r: any): DesignRecord => ({ ...r, blocks: json(r.blocks), version: Number(r.version) })

const COLUMNS = `id, name, base, blocks, version, archived_at, created_at, updated_at`

function nameTaken(name: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Invalid request: Field 'name' — a design called "${name}" exists already; choose another name.`
  )
}

const isUniqueViolation = (e: unknown) => (e as any)?.code === "23505" || /duplicate key|unique/i.test(String((e as any)?.message))

export class DesignStore {
  constructor(private readonly manager: SqlManager) {}

  async list(opts: { includeArchived?: boolean } = {}): Promise<DesignRecord[]> {
    const rows = await this.manager.execute(
      `SELECT ${COLUMNS} FROM yly_design WHERE deleted_at IS NULL ${opts.includeArchived ? "" : "AND archived_at IS NULL"}
        ORDER BY archived_at IS NOT NULL, lower(name), created_at`
    )
    return rows.map(row)
  }

  /** A design, archived or not; null when it does not exist (or was deleted). */
  async get(id: string): Promise<DesignRecord | null> {
    const [r] = await this.manager.execute(`SELECT ${COLUMNS} FROM yly_design WHERE id = ? AND deleted_at IS NULL`, [id])
    return r ? row(r) : null
  }

  /** The same, or a 404 naming it. */
  async retrieve(id: string): Promise<DesignRecord> {
    const design = await this.get(id)
    if (!design) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Receipt design ${id} was not found — it may have been deleted.`)
    return design
  }

  /** The blocks a version printed with (kept even when the design is archived). */
  async version(id: string, version: number): Promise<DesignVersionRecord | null> {
    const [r] = await this.manager.execute(
      `SELECT design_id, version, name, base, blocks, created_at FROM yly_design_version
        WHERE design_id = ? AND version = ? AND deleted_at IS NULL`,
      [id, version]
    )
    return r ? { ...r, version: Number(r.version), blocks: json(r.blocks) } : null
  }

  async create(content: DesignContent): Promise<DesignRecord> {
    return this.manager.transactional(async (em) => {
      const id = generateEntityId(undefined, "ylydsg")
      const inserted = await em.execute(
        `INSERT INTO yly_design (id, name, base, blocks, version) VALUES (?, ?, ?, ?::jsonb, 1)
         ON CONFLICT (name) WHERE archived_at IS NULL AND deleted_at IS NULL DO NOTHING
         RETURNING ${COLUMNS}`,
        [id, content.name, content.base, JSON.stringify(content.blocks)]
      )
      if (!inserted.length) throw nameTaken(content.name)
      await this.insertVersion(em, id, 1, content)
      return row(inserted[0])
    })
  }

  /**
   * Saves a design. A change of name, base or blocks is a new version (the old one stays, for the
   * jobs that printed with it); saving the same content again changes nothing.
   */
  async update(id: string, patch: Partial<DesignContent>): Promise<DesignRecord> {
    return this.manager.transactional(async (em) => {
      const [current] = await em.execute(`SELECT ${COLUMNS} FROM yly_design WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, [id])
      if (!current) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Receipt design ${id} was not found — it may have been deleted.`)
      const before = row(current)
      const next: DesignContent = {
        name: patch.name ?? before.name,
        base: patch.base ?? before.base,
        blocks: patch.blocks ?? before.blocks,
      }
      const changed =
        next.name !== before.name || next.base !== before.base || canonicalJson(next.blocks) !== canonicalJson(before.blocks)
      if (!changed) return before
      const version = before.version + 1
      let updated: any[]
      try {
        updated = await em.execute(
          `UPDATE yly_design SET name = ?, base = ?, blocks = ?::jsonb, version = ?, updated_at = now() WHERE id = ?
           RETURNING ${COLUMNS}`,
          [next.name, next.base, JSON.stringify(next.blocks), version, id]
        )
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(next.name)
        throw e
      }
      await this.insertVersion(em, id, version, next)
      return row(updated[0])
    })
  }

  /** Keeps the design and its versions for the jobs that printed with it, out of every list and picker. */
  async archive(id: string): Promise<void> {
    await this.manager.execute(`UPDATE yly_design SET archived_at = now(), updated_at = now() WHERE id = ? AND archived_at IS NULL`, [id])
  }

  /** Removes a design nothing printed with. */
  async remove(id: string): Promise<void> {
    await this.manager.transactional(async (em) => {
      await em.execute(`UPDATE yly_design_version SET deleted_at = now() WHERE design_id = ? AND deleted_at IS NULL`, [id])
      await em.execute(`UPDATE yly_design SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL`, [id])
    })
  }

  /** How many print jobs (kept in the history) printed with this design. */
  async jobsPrintedWith(id: string): Promise<number> {
    const [r] = await this.manager.execute(`SELECT count(*)::int AS n FROM yly_print_job WHERE design_id = ? AND deleted_at IS NULL`, [id])
    return Number(r?.n ?? 0)
  }

  /** The design and version a job printed with, when it printed with one. */
  async ofJob(jobId: string): Promise<{ design_id: string; design_version: number } | null> {
    const [r] = await this.manager.execute(
      `SELECT design_id, design_version FROM yly_print_job WHERE id = ? AND design_id IS NOT NULL AND design_version IS NOT NULL`,
      [jobId]
    )
    return r ? { design_id: r.design_id, design_version: Number(r.design_version) } : null
  }

  private async insertVersion(em: SqlManager, id: string, version: number, content: DesignContent): Promise<void> {
    await em.execute(
      `INSERT INTO yly_design_version (id, design_id, version, name, base, blocks) VALUES (?, ?, ?, ?, ?, ?::jsonb)`,
      [generateEntityId(undefined, "ylydsv"), id, version, content.name, content.base, JSON.stringify(content.blocks)]
    )
  }
}
