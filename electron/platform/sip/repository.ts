import type { Transaction } from '../db/connection'
import { sql } from '../db/sql'

/**
 * Kamailio's tables (subscriber, dbaliases, grp, sip_caller_ids), written in
 * the caller's transaction. Kamailio reads them; the platform only writes.
 */

export async function insertAlias(
  tx: Transaction,
  alias: string,
  aorUser: string,
  domain: string,
): Promise<void> {
  await tx.run(
    sql`INSERT INTO dbaliases (alias_username, alias_domain, username, domain) VALUES (${alias}, ${domain}, ${aorUser}, ${domain})`,
  )
}

export async function insertExternalGroupMember(
  tx: Transaction,
  aorUser: string,
  domain: string,
): Promise<void> {
  await tx.run(
    sql`INSERT INTO grp (username, domain, grp) VALUES (${aorUser}, ${domain}, 'external')`,
  )
}

export async function insertCallerId(
  tx: Transaction,
  aorUser: string,
  domain: string,
  callerId: string,
  isDefault: boolean,
): Promise<void> {
  await tx.run(
    sql`INSERT INTO sip_caller_ids (username, domain, caller_id, is_default) VALUES (${aorUser}, ${domain}, ${callerId}, ${isDefault ? 1 : 0})`,
  )
}

/** Aliases, group membership and caller IDs of one address of record. */
export async function deleteLineRouting(
  tx: Transaction,
  aorUser: string,
  domain: string,
): Promise<void> {
  await tx.run(sql`DELETE FROM dbaliases WHERE username = ${aorUser} AND domain = ${domain}`)
  await tx.run(sql`DELETE FROM grp WHERE username = ${aorUser} AND domain = ${domain}`)
  await tx.run(sql`DELETE FROM sip_caller_ids WHERE username = ${aorUser} AND domain = ${domain}`)
}

export async function insertSubscriber(
  tx: Transaction,
  username: string,
  domain: string,
  ha1: string,
  aorUser: string,
): Promise<void> {
  await tx.run(
    sql`INSERT INTO subscriber (username, domain, ha1, aor_user) VALUES (${username}, ${domain}, ${ha1}, ${aorUser})`,
  )
}

export async function deleteSubscriber(
  tx: Transaction,
  username: string,
  domain: string,
): Promise<void> {
  await tx.run(sql`DELETE FROM subscriber WHERE username = ${username} AND domain = ${domain}`)
}

/** Every device credential of one address of record. */
export async function deleteSubscribersOfAor(
  tx: Transaction,
  aorUser: string,
  domain: string,
): Promise<void> {
  await tx.run(sql`DELETE FROM subscriber WHERE aor_user = ${aorUser} AND domain = ${domain}`)
}
