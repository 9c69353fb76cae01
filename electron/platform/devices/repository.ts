import type { Queryable, Transaction } from '../db/connection'
import type { Device } from '@shared/schemas/devices'
import { iso } from '../time'
import { sql } from '../db/sql'

export interface DeviceRow {
  id: number
  user_id: number
  machine_hash: string
  name: string
  platform: string
  sip_username: string
  token_hash: string | null
  activated_at: number
  last_seen_at: number | null
  revoked_at: number | null
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    platform: row.platform,
    activatedAt: iso(row.activated_at),
    lastSeenAt: iso(row.last_seen_at),
    revokedAt: iso(row.revoked_at),
  }
}

export function listDevices(db: Queryable, userId: number): Promise<DeviceRow[]> {
  return db.all<DeviceRow>(sql`SELECT * FROM devices WHERE user_id = ${userId} ORDER BY id`)
}

export function getDevice(db: Queryable, id: number): Promise<DeviceRow | undefined> {
  return db.get<DeviceRow>(sql`SELECT * FROM devices WHERE id = ${id}`)
}

export function findDeviceByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<DeviceRow | undefined> {
  return db.get<DeviceRow>(
    sql`SELECT * FROM devices WHERE token_hash = ${tokenHash} AND revoked_at IS NULL`,
  )
}

export function activeDevicesOnMachine(
  db: Queryable,
  userId: number,
  machineHash: string,
): Promise<DeviceRow[]> {
  return db.all<DeviceRow>(
    sql`SELECT * FROM devices WHERE user_id = ${userId} AND machine_hash = ${machineHash} AND revoked_at IS NULL`,
  )
}

export async function insertDevice(
  tx: Transaction,
  d: Pick<
    DeviceRow,
    'user_id' | 'machine_hash' | 'name' | 'platform' | 'sip_username' | 'token_hash'
  >,
  now: number,
): Promise<number> {
  const { lastID } = await tx.run(
    sql`INSERT INTO devices (user_id, machine_hash, name, platform, sip_username, token_hash, activated_at, last_seen_at)
     VALUES (${d.user_id}, ${d.machine_hash}, ${d.name}, ${d.platform}, ${d.sip_username}, ${d.token_hash}, ${now}, ${now})`,
  )
  return lastID
}

export async function markDeviceRevoked(tx: Transaction, id: number, now: number): Promise<void> {
  await tx.run(sql`UPDATE devices SET revoked_at = ${now}, token_hash = NULL WHERE id = ${id}`)
}

/** Notes when the device was last seen. */
export async function touchDevice(tx: Transaction, id: number, now: number): Promise<void> {
  await tx.run(sql`UPDATE devices SET last_seen_at = ${now} WHERE id = ${id}`)
}

export async function hasActiveDevice(db: Queryable, userId: number): Promise<boolean> {
  return (
    (await db.get(sql`SELECT 1 FROM devices WHERE user_id = ${userId} AND revoked_at IS NULL`)) !==
    undefined
  )
}

/** SIP usernames of the user's devices not revoked. */
export function activeSipUsernamesOfUser(
  db: Queryable,
  userId: number,
): Promise<{ sip_username: string }[]> {
  return db.all<{ sip_username: string }>(
    sql`SELECT sip_username FROM devices WHERE user_id = ${userId} AND revoked_at IS NULL`,
  )
}
