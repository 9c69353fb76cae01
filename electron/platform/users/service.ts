import type { PlatformContext } from '../context'
import type { Queryable } from '../db/connection'
import { isConstraintError } from '../db/connection'
import { audit, type Actor } from '../audit'
import { conflict, notFound } from '../errors'
import { unprovisionUser } from '../sip/provisioning'
import { activeSipUsernamesOfUser } from '../devices/repository'
import { invitationIdsOfUser } from '../invitations/repository'
import type { User, UserInput, UserListQuery, UserPatch } from '@shared/schemas/users'
import {
  deleteUser,
  findUserIdByEmail,
  getUserRow,
  insertUser,
  listUserIds,
  updateUser,
  type UserRow,
} from './repository'
import { loadUser, loadUsers } from './view'

const EMAIL_TAKEN = 'is already used by another user'

function snapshot(row: UserRow) {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    department: row.department,
    jobTitle: row.job_title,
    email: row.email,
  }
}

/** Runs `work`, turning the UNIQUE(email) violation into the 409 an admin can act on. */
async function guardEmail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isConstraintError(err) && /users\.email/.test(err.message))
      throw conflict('email', EMAIL_TAKEN)
    throw err
  }
}

export async function requireUserRow(tx: Queryable, id: number): Promise<UserRow> {
  const row = await getUserRow(tx, id)
  if (!row) throw notFound('id', 'user')
  return row
}

export async function createUser(
  ctx: PlatformContext,
  input: UserInput,
  actor: Actor,
): Promise<User> {
  const id = await guardEmail(() =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now()
      if (await findUserIdByEmail(tx, input.email)) throw conflict('email', EMAIL_TAKEN)
      const id = await insertUser(tx, input, now)
      await audit(
        tx,
        { actor, action: 'user.create', entityType: 'user', entityId: id, after: input },
        now,
      )
      return id
    }),
  )
  return (await loadUser(ctx.db, id, ctx.now()))!
}

export async function patchUser(
  ctx: PlatformContext,
  id: number,
  patch: UserPatch,
  actor: Actor,
): Promise<User> {
  await guardEmail(() =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now()
      const before = await requireUserRow(tx, id)
      if (patch.email !== undefined) {
        const other = await findUserIdByEmail(tx, patch.email)
        if (other && other.id !== id) throw conflict('email', EMAIL_TAKEN)
      }
      await updateUser(tx, id, patch, now)
      const after = await requireUserRow(tx, id)
      // Saving a form unchanged is not an event worth a line in the audit log.
      if (JSON.stringify(snapshot(before)) === JSON.stringify(snapshot(after))) return
      await audit(
        tx,
        {
          actor,
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        },
        now,
      )
    }),
  )
  return (await loadUser(ctx.db, id, ctx.now()))!
}

/** Deletes the user with line, invitations and devices; frees the DID and drops SIP credentials. */
export async function removeUser(ctx: PlatformContext, id: number, actor: Actor): Promise<void> {
  const now = ctx.now()
  const before = await loadUser(ctx.db, id, now)
  const { devices, invitations } = await ctx.db.transaction(async (tx) => {
    const row = await requireUserRow(tx, id)
    const devices = await activeSipUsernamesOfUser(tx, id)
    const invitations = await invitationIdsOfUser(tx, id)
    await unprovisionUser(tx, ctx.config.sipDomain, row.sip_user)
    await deleteUser(tx, id)
    await audit(tx, { actor, action: 'user.delete', entityType: 'user', entityId: id, before }, now)
    return { devices, invitations }
  })
  for (const invitationId of invitations) ctx.dispatcher.cancel(invitationId)
  for (const d of devices) ctx.onDeviceRevoked(d.sip_username)
}

export async function getUser(ctx: PlatformContext, id: number): Promise<User> {
  const user = await loadUser(ctx.db, id, ctx.now())
  if (!user) throw notFound('id', 'user')
  return user
}

export async function listUsers(ctx: PlatformContext, query: UserListQuery) {
  const now = ctx.now()
  const { ids, total } = await listUserIds(ctx.db, query, now)
  return {
    items: await loadUsers(ctx.db, ids, now),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}
