import type { PlatformContext } from './context'
import type { AuditEntry, AuditQuery } from '@shared/schemas/audit'
import { listAuditRows } from './audit/repository'
import { iso } from './time'

/** Newest first; `before` (an entry id) pages back through older entries. */
export async function listAudit(ctx: PlatformContext, q: AuditQuery): Promise<AuditEntry[]> {
  const rows = await listAuditRows(ctx.db, q)
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
