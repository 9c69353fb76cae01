import { randomBytes } from 'node:crypto'
import type { PlatformContext } from '../context'
import { audit } from '../audit'
import { HttpError } from '../errors'
import { newSipPassword, newToken, sha256, sipHa1 } from '../security/tokens'
import { provisionDevice, unprovisionDevice } from '../sip/provisioning'
import { activeDevicesOnMachine, insertDevice, markDeviceRevoked } from '../devices/repository'
import { findInvitationByCodeHash, markInvitationUsed } from '../invitations/repository'
import { getLine } from '../lines/repository'
import { getUserRow } from '../users/repository'
import { readActivationText } from '@shared/activation-code'
import type { ActivationRequest, ActivationResult } from '@shared/schemas/activation'

/**
 * One answer from the activation for every code that does not work
 * (unknown, mistyped, used, expired, replaced). The activation page learns
 * which, for an exact code, from check.ts.
 */
export const INVALID_CODE_MESSAGE =
  'This authentication code does not work. It may be mistyped, already used, expired or replaced by a newer invitation. Ask your administrator to send a new invitation.'

export function invalidCode(): HttpError {
  return new HttpError(400, 'Bad Request', INVALID_CODE_MESSAGE, [
    { field: 'code', reason: INVALID_CODE_MESSAGE },
  ])
}

/** The code from what the device sent: the short code, or a whole activation link as older apps send it. */
function extractCode(input: string): string | null {
  const read = readActivationText(input)
  return read.ok ? read.code : null
}

/**
 * The WebSocket URL handed to devices. With a TLS certificate Kamailio's WebSocket
 * port speaks only TLS (kamailio-config.ts), so the default is `wss://` then.
 */
export function sipWsUrl(ctx: PlatformContext): string {
  const { sipWsUrl: configured, tls, sipDomain, sipWsPort } = ctx.config
  return configured ?? `${tls ? 'wss' : 'ws'}://${sipDomain}:${sipWsPort}`
}

/**
 * Trades a valid code for a device token and per-device SIP credentials.
 * The code is consumed, the device bound to a hash of its machine id, and an
 * earlier activation of the same user on the same machine replaced.
 */
export async function activate(
  ctx: PlatformContext,
  req: ActivationRequest,
  clientKey: string,
): Promise<ActivationResult> {
  const code = extractCode(req.code)
  // Counted now, before the first await, so codes sent together count together.
  const attempt = ctx.limits.activation(clientKey, code, ctx.now())
  const outcome = await redeem(ctx, req, code).catch((err: unknown) => {
    attempt.abandoned()
    throw err
  })
  if (!outcome) {
    attempt.failed()
    throw invalidCode()
  }
  attempt.succeeded()
  for (const old of outcome.replaced) ctx.onDeviceRevoked(old.sip_username)
  const { user, line, deviceToken, sipUsername, sipPassword } = outcome
  const domain = ctx.config.sipDomain
  const displayName = `${user.first_name} ${user.last_name}`.trim() || user.email
  return {
    deviceToken,
    sip: {
      wsUri: sipWsUrl(ctx),
      uri: `sip:${user.sip_user}@${domain}`,
      authorizationUser: sipUsername,
      password: sipPassword,
      displayName,
    },
    profile: {
      firstName: user.first_name,
      lastName: user.last_name,
      jobTitle: user.job_title,
      department: user.department,
      email: user.email,
    },
    line,
  }
}

/** Uses the invitation behind `code` and creates the device; null when the code does not work. */
async function redeem(ctx: PlatformContext, req: ActivationRequest, code: string | null) {
  const invitation = code ? await findInvitationByCodeHash(ctx.db, sha256(code)) : undefined
  if (!invitation) return null
  const domain = ctx.config.sipDomain
  const deviceToken = newToken()
  const sipPassword = newSipPassword()
  const sipUsername = `d${randomBytes(8).toString('hex')}`
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now()
    // Re-checked inside the transaction: two devices racing with one code, one wins.
    if (!(await markInvitationUsed(tx, invitation.id, now))) return null
    const user = await getUserRow(tx, invitation.user_id)
    const line = await getLine(tx, invitation.user_id)
    if (!user || !line) return null
    const machineHash = sha256(req.deviceId)
    const replaced = await activeDevicesOnMachine(tx, user.id, machineHash)
    for (const old of replaced) {
      await markDeviceRevoked(tx, old.id, now)
      await unprovisionDevice(tx, domain, old.sip_username)
      await audit(
        tx,
        { actor: 'system', action: 'device.replace', entityType: 'device', entityId: old.id },
        now,
      )
    }
    const deviceId = await insertDevice(
      tx,
      {
        user_id: user.id,
        machine_hash: machineHash,
        name: req.deviceName,
        platform: req.platform,
        sip_username: sipUsername,
        token_hash: sha256(deviceToken),
      },
      now,
    )
    await provisionDevice(tx, domain, {
      username: sipUsername,
      ha1: sipHa1(sipUsername, domain, sipPassword),
      aorUser: user.sip_user,
    })
    await audit(
      tx,
      {
        actor: `device:${deviceId}`,
        action: 'invitation.use',
        entityType: 'invitation',
        entityId: invitation.id,
        after: { status: 'used' },
      },
      now,
    )
    await audit(
      tx,
      {
        actor: `device:${deviceId}`,
        action: 'device.activate',
        entityType: 'device',
        entityId: deviceId,
        after: { userId: user.id, name: req.deviceName, platform: req.platform },
      },
      now,
    )
    return { user, line, replaced, deviceToken, sipUsername, sipPassword }
  })
}
