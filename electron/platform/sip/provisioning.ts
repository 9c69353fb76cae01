import type { Transaction } from '../db/connection'
import {
  deleteLineRouting,
  deleteSubscriber,
  deleteSubscribersOfAor,
  insertAlias,
  insertCallerId,
  insertExternalGroupMember,
  insertSubscriber,
} from './repository'

/**
 * Keeps Kamailio's tables in step with the platform's. Every function runs in
 * the caller's transaction, so a line or device and what Kamailio sees of it
 * commit or roll back together.
 */

export interface LineRouting {
  aorUser: string
  internalNumber: string
  didNumber: string | null
  externalOutbound: boolean
  callerIds: string[]
  defaultCallerId: string | null
}

/** Rewrites aliases, the `external` group and the caller IDs of one address of record. */
export async function provisionLine(
  tx: Transaction,
  domain: string,
  line: LineRouting,
): Promise<void> {
  await unprovisionLine(tx, domain, line.aorUser)
  const aliases = [line.internalNumber, ...(line.didNumber ? [line.didNumber] : [])]
  for (const alias of aliases) await insertAlias(tx, alias, line.aorUser, domain)
  if (line.externalOutbound) await insertExternalGroupMember(tx, line.aorUser, domain)
  for (const callerId of line.callerIds) {
    await insertCallerId(tx, line.aorUser, domain, callerId, callerId === line.defaultCallerId)
  }
}

export async function unprovisionLine(
  tx: Transaction,
  domain: string,
  aorUser: string,
): Promise<void> {
  await deleteLineRouting(tx, aorUser, domain)
}

export interface DeviceCredentials {
  username: string
  ha1: string
  aorUser: string
}

export async function provisionDevice(
  tx: Transaction,
  domain: string,
  device: DeviceCredentials,
): Promise<void> {
  await insertSubscriber(tx, device.username, domain, device.ha1, device.aorUser)
}

export async function unprovisionDevice(
  tx: Transaction,
  domain: string,
  username: string,
): Promise<void> {
  await deleteSubscriber(tx, username, domain)
}

/** Everything Kamailio knows of a user: used when the user is deleted. */
export async function unprovisionUser(
  tx: Transaction,
  domain: string,
  aorUser: string,
): Promise<void> {
  await unprovisionLine(tx, domain, aorUser)
  await deleteSubscribersOfAor(tx, aorUser, domain)
}
