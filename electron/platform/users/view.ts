import type { Queryable } from '../db/connection'
import type { User, UserStatus } from '@shared/schemas/users'
import { toAppLine } from '../lines/repository'
import { toInvitation } from '../invitations/repository'
import { iso } from '../time'
import { loadUserViewRows } from './view-repository'

function statusOf(activeDevices: number, invitationStatus: string | undefined): UserStatus {
  if (activeDevices > 0) return 'active'
  if (invitationStatus === 'pending' || invitationStatus === 'sent') return 'invited'
  if (invitationStatus === 'failed') return 'invitation_failed'
  return 'not_invited'
}

/**
 * Users as the API shows them, in the order of `ids`: one indexed query per
 * page, however many users the database holds.
 */
export async function loadUsers(db: Queryable, ids: number[], now: number): Promise<User[]> {
  const byId = new Map((await loadUserViewRows(db, ids)).map((row) => [row.id, row]))
  const users: User[] = []
  for (const id of ids) {
    const row = byId.get(id)
    if (!row) continue
    const invitation = row.invitation ? toInvitation(row.invitation, now) : null
    users.push({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      department: row.department,
      jobTitle: row.job_title,
      email: row.email,
      status: statusOf(row.active_devices, invitation?.status),
      activeDevices: row.active_devices,
      lastSeenAt: iso(row.last_seen_at),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      line: row.line ? toAppLine(row.line, row.line.caller_ids) : null,
      invitation,
    })
  }
  return users
}

export async function loadUser(db: Queryable, id: number, now: number): Promise<User | undefined> {
  return (await loadUsers(db, [id], now))[0]
}
