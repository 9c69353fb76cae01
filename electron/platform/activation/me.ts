import type { PlatformContext } from '../context'
import { audit } from '../audit'
import { unauthorized } from '../errors'
import { sha256 } from '../security/tokens'
import { findDeviceByTokenHash, touchDevice, type DeviceRow } from '../devices/repository'
import { getLine } from '../lines/repository'
import { getUserRow, updateUser, type UserRow } from '../users/repository'
import type { Me, Profile, ProfilePatch } from '@shared/schemas/activation'

const DEVICE_SIGNED_OUT =
  'This device is not activated any more. Activate it again with a new invitation.'

/** The device behind a device token, or 401; notes when it was last seen. */
export async function authenticateDevice(
  ctx: PlatformContext,
  token: string | undefined,
): Promise<DeviceRow> {
  const device = token ? await findDeviceByTokenHash(ctx.db, sha256(token)) : undefined
  if (!device) throw unauthorized(DEVICE_SIGNED_OUT)
  const now = ctx.now()
  // At most one write a minute per device: `last seen` needs no more precision.
  if (device.last_seen_at === null || now - device.last_seen_at > 60_000) {
    await ctx.db.transaction((tx) => touchDevice(tx, device.id, now))
  }
  return device
}

function profileOf(user: UserRow): Profile {
  return {
    firstName: user.first_name,
    lastName: user.last_name,
    jobTitle: user.job_title,
    department: user.department,
    email: user.email,
  }
}

export async function getMe(ctx: PlatformContext, device: DeviceRow): Promise<Me> {
  const user = await getUserRow(ctx.db, device.user_id)
  if (!user) throw unauthorized(DEVICE_SIGNED_OUT)
  return {
    profile: profileOf(user),
    line: await getLine(ctx.db, user.id),
    device: { id: device.id, name: device.name, platform: device.platform },
  }
}

/** `Personal information` → `Save and continue`: the user edits their own name, title and department. */
export async function patchMe(
  ctx: PlatformContext,
  device: DeviceRow,
  patch: ProfilePatch,
): Promise<Me> {
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now()
    const before = await getUserRow(tx, device.user_id)
    if (!before) throw unauthorized(DEVICE_SIGNED_OUT)
    await updateUser(tx, device.user_id, patch, now)
    const after = (await getUserRow(tx, device.user_id))!
    if (JSON.stringify(profileOf(before)) === JSON.stringify(profileOf(after))) return
    await audit(
      tx,
      {
        actor: `device:${device.id}`,
        action: 'user.update',
        entityType: 'user',
        entityId: device.user_id,
        before: profileOf(before),
        after: profileOf(after),
      },
      now,
    )
  })
  return getMe(ctx, device)
}
