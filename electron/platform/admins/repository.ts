import type { Queryable, Transaction } from '../db/connection'
import { sql } from '../db/sql'

export interface AdminRow {
  id: number
  email: string
  password_hash: string
}

export async function countAdmins(db: Queryable): Promise<number> {
  return (await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM admins`))?.n ?? 0
}

export async function insertAdmin(
  tx: Transaction,
  email: string,
  passwordHash: string,
  now: number,
): Promise<number> {
  const { lastID } = await tx.run(
    sql`INSERT INTO admins (email, password_hash, created_at) VALUES (${email}, ${passwordHash}, ${now})`,
  )
  return lastID
}

export function findAdminByEmail(db: Queryable, email: string): Promise<AdminRow | undefined> {
  return db.get<AdminRow>(sql`SELECT * FROM admins WHERE email = ${email}`)
}

export async function insertSession(
  tx: Transaction,
  adminId: number,
  tokenHash: string,
  now: number,
  expiresAt: number,
): Promise<void> {
  await tx.run(
    sql`INSERT INTO admin_sessions (admin_id, token_hash, created_at, expires_at) VALUES (${adminId}, ${tokenHash}, ${now}, ${expiresAt})`,
  )
}

export async function deleteSession(tx: Transaction, tokenHash: string): Promise<void> {
  await tx.run(sql`DELETE FROM admin_sessions WHERE token_hash = ${tokenHash}`)
}

/** The admin whose session has this token hash and has not expired at `now`. */
export function findAdminBySession(
  db: Queryable,
  tokenHash: string,
  now: number,
): Promise<{ id: number; email: string } | undefined> {
  return db.get<{ id: number; email: string }>(
    sql`SELECT a.id, a.email FROM admin_sessions s JOIN admins a ON a.id = s.admin_id
     WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now}`,
  )
}
