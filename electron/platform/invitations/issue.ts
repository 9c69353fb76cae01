import type { Transaction } from '../db/connection'
import type { PlatformContext } from '../context'
import { audit, type Actor } from '../audit'
import { generateActivationCode } from '@shared/activation-code'
import { sha256 } from '../security/tokens'
import { insertInvitation, revokeOpenInvitations } from './repository'

export interface IssuedInvitation {
  invitationId: number
  code: string
  revokedIds: number[]
}

/**
 * Creates a new invitation for the user inside the caller's transaction and
 * kills the older ones. The caller hands `code` to the dispatcher after the
 * commit.
 */
export async function issueInvitation(
  tx: Transaction,
  userId: number,
  actor: Actor,
  now: number,
  ttlMs: number,
): Promise<IssuedInvitation> {
  const revokedIds = await revokeOpenInvitations(tx, userId)
  for (const id of revokedIds) {
    await audit(
      tx,
      {
        actor,
        action: 'invitation.revoke',
        entityType: 'invitation',
        entityId: id,
        after: { status: 'revoked' },
      },
      now,
    )
  }
  const code = generateActivationCode()
  const expiresAt = now + ttlMs
  const invitationId = await insertInvitation(tx, userId, sha256(code), now, expiresAt)
  await audit(
    tx,
    {
      actor,
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: invitationId,
      after: { userId, expiresAt: new Date(expiresAt).toISOString() },
    },
    now,
  )
  return { invitationId, code, revokedIds }
}

/**
 * Runs a job later. The HTTP routes pass one that waits until the response
 * is out: rendering the email (QR code, MIME) costs milliseconds of CPU the
 * admin should not wait for.
 */
export type Scheduler = (job: () => void) => void

export const runNow: Scheduler = (job) => job()

/** Gives a committed invitation to the dispatcher, and forgets the ones it replaced. */
export function handOver(
  ctx: PlatformContext,
  issued: IssuedInvitation,
  schedule: Scheduler,
): void {
  for (const id of issued.revokedIds) ctx.dispatcher.cancel(id)
  schedule(() => ctx.dispatcher.dispatch(issued.invitationId, issued.code))
}
