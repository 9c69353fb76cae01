import type { Transaction } from './db/connection'
import { insertAuditRow } from './audit/repository'

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
  await insertAuditRow(tx, {
    at: now,
    actor: event.actor,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId === null ? null : String(event.entityId),
    before_json: event.before === undefined ? null : JSON.stringify(event.before),
    after_json: event.after === undefined ? null : JSON.stringify(event.after),
  })
}
