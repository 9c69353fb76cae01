import type { Queryable } from '../db/connection'
import { jsonObject, sql } from '../db/sql'
import { LINE_COLUMNS, type LineRow } from '../lines/repository'
import { INVITATION_VIEW_COLUMNS, type InvitationViewRow } from '../invitations/repository'
import { USER_VIEW_COLUMNS, type UserRow } from './repository'

/** Everything a user's API view is made of, as stored. */
export type UserViewRow = Pick<UserRow, (typeof USER_VIEW_COLUMNS)[number]> & {
  line: (LineRow & { caller_ids: string[] }) | null
  /** The newest invitation. */
  invitation: InvitationViewRow | null
  active_devices: number
  last_seen_at: number | null
}

/**
 * The given users with their line, newest invitation and device counts, in
 * no particular order: one statement whose answer is one JSON text (see
 * jsonObject for why), each part found through an index.
 *
 * `json(…)` around a subquery keeps its json_object a JSON value inside the
 * outer one; without it the subquery's result would be embedded as a string.
 */
export async function loadUserViewRows(db: Queryable, ids: number[]): Promise<UserViewRow[]> {
  if (ids.length === 0) return []
  const callerIds = sql`SELECT json_group_array(number) FROM (
      SELECT number FROM app_line_caller_ids c WHERE c.user_id = u.id ORDER BY c.position)`
  const line = jsonObject('l', LINE_COLUMNS, { caller_ids: sql`json((${callerIds}))` })
  const invitation = jsonObject('i', INVITATION_VIEW_COLUMNS)
  const user = jsonObject('u', USER_VIEW_COLUMNS, {
    line: sql`json((SELECT ${line} FROM app_lines l WHERE l.user_id = u.id))`,
    invitation: sql`json((SELECT ${invitation} FROM invitations i
      WHERE i.user_id = u.id ORDER BY i.id DESC LIMIT 1))`,
    active_devices: sql`(SELECT count(*) FROM devices d
      WHERE d.user_id = u.id AND d.revoked_at IS NULL)`,
    last_seen_at: sql`(SELECT max(d.last_seen_at) FROM devices d WHERE d.user_id = u.id)`,
  })
  const row = await db.get<{ users: string }>(
    sql`SELECT json_group_array(${user}) AS users FROM users u WHERE u.id IN ${ids}`,
  )
  return JSON.parse(row?.users ?? '[]') as UserViewRow[]
}
