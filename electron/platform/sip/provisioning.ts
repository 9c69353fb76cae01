import type { Transaction } from '../db/connection'

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
  for (const alias of aliases) {
    await tx.run(
      'INSERT INTO dbaliases (alias_username, alias_domain, username, domain) VALUES (?, ?, ?, ?)',
      [alias, domain, line.aorUser, domain],
    )
  }
  if (line.externalOutbound) {
    await tx.run("INSERT INTO grp (username, domain, grp) VALUES (?, ?, 'external')", [
      line.aorUser,
      domain,
    ])
  }
  for (const callerId of line.callerIds) {
    await tx.run(
      'INSERT INTO sip_caller_ids (username, domain, caller_id, is_default) VALUES (?, ?, ?, ?)',
      [line.aorUser, domain, callerId, callerId === line.defaultCallerId ? 1 : 0],
    )
  }
}

export async function unprovisionLine(
  tx: Transaction,
  domain: string,
  aorUser: string,
): Promise<void> {
  await tx.run('DELETE FROM dbaliases WHERE username = ? AND domain = ?', [aorUser, domain])
  await tx.run('DELETE FROM grp WHERE username = ? AND domain = ?', [aorUser, domain])
  await tx.run('DELETE FROM sip_caller_ids WHERE username = ? AND domain = ?', [aorUser, domain])
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
  await tx.run('INSERT INTO subscriber (username, domain, ha1, aor_user) VALUES (?, ?, ?, ?)', [
    device.username,
    domain,
    device.ha1,
    device.aorUser,
  ])
}

export async function unprovisionDevice(
  tx: Transaction,
  domain: string,
  username: string,
): Promise<void> {
  await tx.run('DELETE FROM subscriber WHERE username = ? AND domain = ?', [username, domain])
}

/** Everything Kamailio knows of a user: used when the user is deleted. */
export async function unprovisionUser(
  tx: Transaction,
  domain: string,
  aorUser: string,
): Promise<void> {
  await unprovisionLine(tx, domain, aorUser)
  await tx.run('DELETE FROM subscriber WHERE aor_user = ? AND domain = ?', [aorUser, domain])
}
