import type { PlatformContext } from '../context'
import { findInvitationByCodeHash } from '../invitations/repository'
import { sha256 } from '../security/tokens'
import { iso } from '../time'
import { readActivationText } from '@shared/activation-code'
import type { ActivationCheckResult } from '@shared/schemas/activation'
import { invalidCode } from './service'

/**
 * The state of a code, for the activation page the invitation links to. It
 * reads and never redeems: opening the page, or a mail scanner fetching it,
 * leaves the code usable. Telling `used` from `expired` is only for someone
 * holding the exact code (60 random bits); an unknown code gets the
 * activation's own answer, and counts against the same attempt limits.
 */
export async function checkActivationCode(
  ctx: PlatformContext,
  input: string,
  clientKey: string,
): Promise<ActivationCheckResult> {
  const read = readActivationText(input)
  const code = read.ok ? read.code : null
  // Counted before the first await, like an activation (service.ts).
  const attempt = ctx.limits.activation(clientKey, code, ctx.now())
  const invitation = code
    ? await findInvitationByCodeHash(ctx.db, sha256(code)).catch((err: unknown) => {
        attempt.abandoned()
        throw err
      })
    : undefined
  if (!invitation) {
    attempt.failed()
    throw invalidCode()
  }
  attempt.succeeded()
  if (invitation.status === 'used') return { state: 'used', expiresAt: null }
  if (invitation.status === 'revoked') return { state: 'revoked', expiresAt: null }
  if (invitation.expires_at <= ctx.now()) return { state: 'expired', expiresAt: null }
  return { state: 'usable', expiresAt: iso(invitation.expires_at) }
}
