import type { PlatformContext } from './context'
import type { AuditEntry, AuditQuery } from '@shared/schemas/audit'
import { iso } from './time'

interface AuditRow {
  id: number
  at: number
  actor: string
  action: string
  entity_type: string
  entity_id: string | null
  before_json: string | null
  after_json: string | null
}

/** Newest first; `before` (an entry id) pages back through older entries. */
export async function listAudit(ctx: PlatformContext, q: AuditQuery): Promise<AuditEntry[]> {
  const where: string[] = []
  const params: (string | number)[] = []
  if (q.action) {
    where.push('action = ?')
    params.push(q.action)
  }
  if (q.entityType) {
    where.push('entity_type = ?')
    params.push(q.entityType)
  }
  if (q.entityId) {
    where.push('entity_id = ?')
    params.push(q.entityId)
  }
  if (q.actor) {
    where.push('actor = ? COLLATE NOCASE')
    params.push(q.actor)
  }
  if (q.before) {
    where.push('id < ?')
    params.push(q.before)
  }
  const rows = await ctx.db.all<AuditRow>(
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    [...params, q.limit],
  )
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at),
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }))
}
