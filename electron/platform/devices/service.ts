import type { PlatformContext } from '../context'
import { audit, type Actor } from '../audit'
import { conflict, notFound } from '../errors'
import { unprovisionDevice } from '../sip/provisioning'
import { requireUserRow } from '../users/service'
import type { Device } from '@shared/schemas/devices'
import { getDevice, listDevices, markDeviceRevoked, toDevice } from './repository'

export async function devicesOfUser(ctx: PlatformContext, userId: number): Promise<Device[]> {
  await requireUserRow(ctx.db, userId)
  return (await listDevices(ctx.db, userId)).map(toDevice)
}

/** Revokes one device: its token stops working and its SIP credentials are deleted now. */
export async function revokeDevice(
  ctx: PlatformContext,
  id: number,
  actor: Actor,
): Promise<Device> {
  const row = await ctx.db.transaction(async (tx) => {
    const now = ctx.now()
    const device = await getDevice(tx, id)
    if (!device) throw notFound('id', 'device')
    if (device.revoked_at !== null) throw conflict('id', 'this device is already revoked')
    await markDeviceRevoked(tx, id, now)
    await unprovisionDevice(tx, ctx.config.sipDomain, device.sip_username)
    await audit(
      tx,
      {
        actor,
        action: 'device.revoke',
        entityType: 'device',
        entityId: id,
        before: toDevice(device),
      },
      now,
    )
    return (await getDevice(tx, id))!
  })
  ctx.onDeviceRevoked(row.sip_username)
  return toDevice(row)
}
