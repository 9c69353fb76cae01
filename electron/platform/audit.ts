import type { Transaction } from './db/connection'

/** Who did something: an admin's email, `device:<id>`, or `system`. */
export type Actor = string

export interface AuditEvent {
  actor: Actor
  action: string
  entityType: 'admin' | 'user' | 'app_line' | 'number' | 'invitation' | 'device'
  entityId: string | number | null
  before?: unknown
  after?: unknown
}

/** Appends to the audit log inside the caller's transaction, so the log and the change commit together. */
export async function audit(tx: Transaction, event: AuditEvent, now = Date.now()): Promise<void> {
  await tx.run(
    `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      now,
      event.actor,
      event.action,
      event.entityType,
      event.entityId === null ? null : String(event.entityId),
      event.before === undefined ? null : JSON.stringify(event.before),
      event.after === undefined ? null : JSON.stringify(event.after),
    ],
  )
}
