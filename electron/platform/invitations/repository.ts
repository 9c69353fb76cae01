import type { Queryable, Transaction } from '../db/connection'
import type { Invitation } from '@shared/schemas/invitations'
import { iso } from '../time'

export interface InvitationRow {
  id: number
  user_id: number
  code_hash: string
  status: 'pending' | 'sent' | 'failed' | 'used' | 'revoked'
  failure_reason: string | null
  send_attempts: number
  next_attempt_at: number | null
  created_at: number
  sent_at: number | null
  used_at: number | null
  expires_at: number
}

/** Expiry is a matter of time, not of a stored state: derive it on read. */
export function toInvitation(row: InvitationRow, now: number): Invitation {
  const open = row.status === 'pending' || row.status === 'sent' || row.status === 'failed'
  return {
    id: row.id,
    status: open && row.expires_at <= now ? 'expired' : row.status,
    failureReason: row.failure_reason,
    sendAttempts: row.send_attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
    expiresAt: iso(row.expires_at),
  }
}

/** The newest invitation of each given user. */
export async function loadLatestInvitations(
  db: Queryable,
  userIds: number[],
): Promise<Map<number, InvitationRow>> {
  const result = new Map<number, InvitationRow>()
  if (userIds.length === 0) return result
  const rows = await db.all<InvitationRow>(
    `SELECT * FROM invitations WHERE id IN (
       SELECT max(id) FROM invitations WHERE user_id IN (${userIds.map(() => '?').join(', ')})
       GROUP BY user_id)`,
    userIds,
  )
  for (const row of rows) result.set(row.user_id, row)
  return result
}

export function getInvitation(db: Queryable, id: number): Promise<InvitationRow | undefined> {
  return db.get<InvitationRow>('SELECT * FROM invitations WHERE id = ?', [id])
}

export function findInvitationByCodeHash(
  db: Queryable,
  codeHash: string,
): Promise<InvitationRow | undefined> {
  return db.get<InvitationRow>('SELECT * FROM invitations WHERE code_hash = ?', [codeHash])
}

/** Kills every code of the user still open, so only the newest one works. */
export async function revokeOpenInvitations(tx: Transaction, userId: number): Promise<number[]> {
  const rows = await tx.all<{ id: number }>(
    `UPDATE invitations SET status = 'revoked', next_attempt_at = NULL
     WHERE user_id = ? AND status IN ('pending', 'sent', 'failed') RETURNING id`,
    [userId],
  )
  return rows.map((r) => r.id)
}

export async function insertInvitation(
  tx: Transaction,
  userId: number,
  codeHash: string,
  now: number,
  expiresAt: number,
): Promise<number> {
  const { lastID } = await tx.run(
    `INSERT INTO invitations (user_id, code_hash, status, created_at, expires_at)
     VALUES (?, ?, 'pending', ?, ?)`,
    [userId, codeHash, now, expiresAt],
  )
  return lastID
}
