import type { Queryable, Transaction } from '../db/connection'
import { sql, whereAll, type Query } from '../db/sql'
import type { AuditQuery } from '@shared/schemas/audit'

export interface AuditRow {
  id: number
  at: number
  actor: string
  action: string
  entity_type: string
  entity_id: string | null
  before_json: string | null
  after_json: string | null
}

export async function insertAuditRow(tx: Transaction, row: Omit<AuditRow, 'id'>): Promise<void> {
  await tx.run(
    sql`INSERT INTO audit_log (at, actor, action, entity_type, entity_id, before_json, after_json)
     VALUES (${row.at}, ${row.actor}, ${row.action}, ${row.entity_type}, ${row.entity_id}, ${row.before_json}, ${row.after_json})`,
  )
}

/** Newest first; `before` (an entry id) pages back through older entries. */
export function listAuditRows(db: Queryable, q: AuditQuery): Promise<AuditRow[]> {
  const where: Query[] = []
  if (q.action) where.push(sql`action = ${q.action}`)
  if (q.entityType) where.push(sql`entity_type = ${q.entityType}`)
  if (q.entityId) where.push(sql`entity_id = ${q.entityId}`)
  if (q.actor) where.push(sql`actor = ${q.actor} COLLATE NOCASE`)
  if (q.before) where.push(sql`id < ${q.before}`)
  return db.all<AuditRow>(
    sql`SELECT * FROM audit_log ${whereAll(where)} ORDER BY id DESC LIMIT ${q.limit}`,
  )
}
