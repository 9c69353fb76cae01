import type { Queryable } from '../db/connection'
import type { User, UserStatus } from '@shared/schemas/users'
import { loadLines } from '../lines/repository'
import { loadLatestInvitations, toInvitation } from '../invitations/repository'
import { loadDeviceStats } from '../devices/repository'
import { iso } from '../time'
import { getUserRows } from './repository'

function statusOf(activeDevices: number, invitationStatus: string | undefined): UserStatus {
  if (activeDevices > 0) return 'active'
  if (invitationStatus === 'pending' || invitationStatus === 'sent') return 'invited'
  if (invitationStatus === 'failed') return 'invitation_failed'
  return 'not_invited'
}

/**
 * Users as the API shows them, in the order of `ids`: a handful of indexed
 * queries per page, however many users the database holds.
 */
export async function loadUsers(db: Queryable, ids: number[], now: number): Promise<User[]> {
  if (ids.length === 0) return []
  const [rows, lines, invitations, devices] = await Promise.all([
    getUserRows(db, ids),
    loadLines(db, ids),
    loadLatestInvitations(db, ids),
    loadDeviceStats(db, ids),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const users: User[] = []
  for (const id of ids) {
    const row = byId.get(id)
    if (!row) continue
    const inv = invitations.get(id)
    const invitation = inv ? toInvitation(inv, now) : null
    const stats = devices.get(id) ?? { active: 0, lastSeenAt: null }
    users.push({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      department: row.department,
      jobTitle: row.job_title,
      email: row.email,
      status: statusOf(stats.active, invitation?.status),
      activeDevices: stats.active,
      lastSeenAt: iso(stats.lastSeenAt),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
      line: lines.get(id) ?? null,
      invitation,
    })
  }
  return users
}

export async function loadUser(db: Queryable, id: number, now: number): Promise<User | undefined> {
  return (await loadUsers(db, [id], now))[0]
}
