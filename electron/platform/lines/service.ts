import type { PlatformContext } from '../context'
import type { Transaction } from '../db/connection'
import { audit, type Actor } from '../audit'
import { badRequest, conflict, HttpError } from '../errors'
import { provisionLine } from '../sip/provisioning'
import { handOver, issueInvitation, runNow, type Scheduler } from '../invitations/issue'
import { loadLatestInvitations, toInvitation } from '../invitations/repository'
import { hasActiveDevice } from '../devices/repository'
import { numberExists } from '../numbers/repository'
import { requireUserRow } from '../users/service'
import { loadUser } from '../users/view'
import type { AppLineInput } from '@shared/schemas/app-line'
import type { User } from '@shared/schemas/users'
import type { FieldError } from '@shared/schemas/errors'
import {
  findDidOwner,
  getLine,
  lineUsingInternalNumber,
  nextFreeInternalNumber,
  saveLine,
  type LineValues,
} from './repository'

async function checkNumbers(tx: Transaction, userId: number, input: AppLineInput): Promise<void> {
  const wanted = [
    ...(input.didNumber ? [{ field: 'didNumber', number: input.didNumber }] : []),
    ...input.callerIds.map((number, i) => ({ field: `callerIds.${i}`, number })),
  ]
  const missing: FieldError[] = []
  for (const { field, number } of wanted) {
    if (!(await numberExists(tx, number)))
      missing.push({
        field,
        reason: `${number} is not one of the company's numbers; add it under Numbers first`,
      })
  }
  if (missing.length) throw badRequest(missing)
  if (input.didNumber) {
    const owner = await findDidOwner(tx, input.didNumber)
    if (owner && owner.user_id !== userId) {
      const who = `${owner.first_name} ${owner.last_name}`.trim() || owner.email
      throw conflict('didNumber', `${input.didNumber} is already assigned to ${who}`)
    }
  }
}

async function resolveInternalNumber(
  tx: Transaction,
  userId: number,
  requested: string | undefined,
): Promise<string> {
  if (requested === undefined) {
    const current = await getLine(tx, userId)
    return current?.internalNumber ?? (await nextFreeInternalNumber(tx))
  }
  const owner = await lineUsingInternalNumber(tx, requested)
  if (owner && owner.user_id !== userId)
    throw conflict('internalNumber', `${requested} is already used by another user`)
  return requested
}

/**
 * Saves the user's application line and what Kamailio derives from it in one
 * transaction. The first save, and any save while the user has neither a
 * device nor a usable invitation, also issues an invitation, sent once the
 * transaction has committed.
 */
export async function saveAppLine(
  ctx: PlatformContext,
  userId: number,
  input: AppLineInput,
  actor: Actor,
  schedule: Scheduler = runNow,
): Promise<User> {
  const issued = await ctx.db.transaction(async (tx) => {
    const now = ctx.now()
    const user = await requireUserRow(tx, userId)
    await checkNumbers(tx, userId, input)
    const before = await getLine(tx, userId)
    const values: LineValues = {
      didNumber: input.didNumber,
      internalNumber: await resolveInternalNumber(tx, userId, input.internalNumber),
      externalOutbound: input.externalOutbound,
      callerIds: input.callerIds,
      defaultCallerId: input.defaultCallerId,
      recording: input.recording,
    }
    // The checks above ran in this same serialised transaction, so the
    // UNIQUE constraints cannot fire here from a concurrent request.
    await saveLine(tx, userId, values, now)
    await provisionLine(tx, ctx.config.sipDomain, { aorUser: user.sip_user, ...values })
    await audit(
      tx,
      {
        actor,
        action: before ? 'app_line.update' : 'app_line.create',
        entityType: 'app_line',
        entityId: userId,
        before,
        after: values,
      },
      now,
    )
    if (before && !(await needsInvitation(tx, userId, now))) return null
    return issueInvitation(tx, userId, actor, now, ctx.config.invitationTtlMs)
  })
  if (issued) handOver(ctx, issued, schedule)
  return (await loadUser(ctx.db, userId, ctx.now()))!
}

async function needsInvitation(tx: Transaction, userId: number, now: number): Promise<boolean> {
  if (await hasActiveDevice(tx, userId)) return false
  const latest = (await loadLatestInvitations(tx, [userId])).get(userId)
  if (!latest) return true
  const status = toInvitation(latest, now).status
  return !(status === 'pending' || status === 'sent' || status === 'failed')
}

/** `Send Invite to app`: a new code, the old ones dead. */
export async function resendInvitation(
  ctx: PlatformContext,
  userId: number,
  actor: Actor,
  schedule: Scheduler = runNow,
): Promise<User> {
  const issued = await ctx.db.transaction(async (tx) => {
    await requireUserRow(tx, userId)
    if (!(await getLine(tx, userId))) {
      throw new HttpError(
        409,
        'Conflict',
        'line: configure the application line before inviting the user',
        [{ field: 'line', reason: 'configure the application line before inviting the user' }],
      )
    }
    return issueInvitation(tx, userId, actor, ctx.now(), ctx.config.invitationTtlMs)
  })
  handOver(ctx, issued, schedule)
  return (await loadUser(ctx.db, userId, ctx.now()))!
}

/** What the `Edit App Configuration` form suggests for a new line. */
export function suggestInternalNumber(ctx: PlatformContext): Promise<string> {
  return nextFreeInternalNumber(ctx.db)
}
