import type { Queryable, Transaction } from '../db/connection'
import type { Invitation } from '@shared/schemas/invitations'
import { iso } from '../time'
import { sql } from '../db/sql'

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

/** The columns an Invitation is made of (toInvitation): all but the code's hash and use time. */
export const INVITATION_VIEW_COLUMNS = [
  'id',
  'user_id',
  'status',
  'failure_reason',
  'send_attempts',
  'next_attempt_at',
  'created_at',
  'sent_at',
  'expires_at',
] as const satisfies readonly (keyof InvitationRow)[]

export type InvitationViewRow = Pick<InvitationRow, (typeof INVITATION_VIEW_COLUMNS)[number]>

/** Expiry is a matter of time, not of a stored state: derive it on read. */
export function toInvitation(row: InvitationViewRow, now: number): Invitation {
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
    sql`SELECT * FROM invitations WHERE id IN (
       SELECT max(id) FROM invitations WHERE user_id IN ${userIds}
       GROUP BY user_id)`,
  )
  for (const row of rows) result.set(row.user_id, row)
  return result
}

export function getInvitation(db: Queryable, id: number): Promise<InvitationRow | undefined> {
  return db.get<InvitationRow>(sql`SELECT * FROM invitations WHERE id = ${id}`)
}

export function findInvitationByCodeHash(
  db: Queryable,
  codeHash: string,
): Promise<InvitationRow | undefined> {
  return db.get<InvitationRow>(sql`SELECT * FROM invitations WHERE code_hash = ${codeHash}`)
}

/** Kills every code of the user still open, so only the newest one works. */
export async function revokeOpenInvitations(tx: Transaction, userId: number): Promise<number[]> {
  const rows = await tx.all<{ id: number }>(
    sql`UPDATE invitations SET status = 'revoked', next_attempt_at = NULL
     WHERE user_id = ${userId} AND status IN ('pending', 'sent', 'failed') RETURNING id`,
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
    sql`INSERT INTO invitations (user_id, code_hash, status, created_at, expires_at)
     VALUES (${userId}, ${codeHash}, 'pending', ${now}, ${expiresAt})`,
  )
  return lastID
}

export async function invitationIdsOfUser(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db.all<{ id: number }>(
    sql`SELECT id FROM invitations WHERE user_id = ${userId}`,
  )
  return rows.map((r) => r.id)
}

/**
 * Consumes an open, unexpired invitation; false when it is not (any more):
 * of two devices racing with one code, one wins.
 */
export async function markInvitationUsed(
  tx: Transaction,
  id: number,
  now: number,
): Promise<boolean> {
  const { changes } = await tx.run(
    sql`UPDATE invitations SET status = 'used', used_at = ${now}, next_attempt_at = NULL
           WHERE id = ${id} AND status IN ('pending', 'sent', 'failed') AND expires_at > ${now}`,
  )
  return changes > 0
}

/** The invitation with the email and first name of its user, for the mail. */
export function getInvitationWithRecipient(
  db: Queryable,
  id: number,
): Promise<
  | (InvitationRow & {
      email: string
      first_name: string
      internal_number: string | null
      did_number: string | null
    })
  | undefined
> {
  return db.get(
    sql`SELECT i.*, u.email, u.first_name, l.internal_number, l.did_number
        FROM invitations i JOIN users u ON u.id = i.user_id LEFT JOIN app_lines l ON l.user_id = u.id
        WHERE i.id = ${id}`,
  )
}

/** Records a delivered mail, unless the invitation left `pending`/`failed` meanwhile; false then. */
export async function markInvitationSent(
  tx: Transaction,
  id: number,
  now: number,
  attempts: number,
): Promise<boolean> {
  const { changes } = await tx.run(
    sql`UPDATE invitations SET status = 'sent', sent_at = ${now}, failure_reason = NULL,
               next_attempt_at = NULL, send_attempts = ${attempts} WHERE id = ${id} AND status IN ('pending', 'failed')`,
  )
  return changes > 0
}

/** Records a failed send and when to retry (null: never), unless the invitation left `pending`/`failed`. */
export async function markInvitationFailed(
  tx: Transaction,
  id: number,
  reason: string,
  retryAt: number | null,
  attempts: number,
): Promise<boolean> {
  const { changes } = await tx.run(
    sql`UPDATE invitations SET status = 'failed', failure_reason = ${reason}, next_attempt_at = ${retryAt},
               send_attempts = ${attempts} WHERE id = ${id} AND status IN ('pending', 'failed')`,
  )
  return changes > 0
}

/** Invitations whose codes a previous run held in memory, now failed with the reason; their ids. */
export async function failUnsentInvitations(tx: Transaction): Promise<number[]> {
  const rows = await tx.all<{ id: number }>(
    sql`UPDATE invitations SET status = 'failed', next_attempt_at = NULL,
           failure_reason = 'The platform restarted before this invitation was sent; send it again.'
         WHERE status = 'pending' OR (status = 'failed' AND next_attempt_at IS NOT NULL)
         RETURNING id`,
  )
  return rows.map((r) => r.id)
}
