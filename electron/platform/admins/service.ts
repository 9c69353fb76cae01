import type { PlatformContext } from '../context'
import { audit } from '../audit'
import { conflict, HttpError, unauthorized } from '../errors'
import { hashPassword, verifyPassword } from '../security/passwords'
import { newToken, sha256 } from '../security/tokens'
import { iso } from '../time'
import type { AdminSession } from '@shared/schemas/admin'

const SESSION_TTL_MS = 12 * 3_600_000
const WRONG_CREDENTIALS = 'Email or password is wrong'

interface AdminRow {
  id: number
  email: string
  password_hash: string
}

export async function adminCount(ctx: PlatformContext): Promise<number> {
  return (await ctx.db.get<{ n: number }>('SELECT count(*) AS n FROM admins'))?.n ?? 0
}

/** Creates the first admin; refused once any admin exists, so the endpoint cannot mint more. */
export async function createFirstAdmin(
  ctx: PlatformContext,
  email: string,
  password: string,
): Promise<{ id: number; email: string }> {
  const passwordHash = await hashPassword(password)
  return ctx.db.transaction(async (tx) => {
    const existing = await tx.get<{ n: number }>('SELECT count(*) AS n FROM admins')
    if ((existing?.n ?? 0) > 0) throw conflict('email', 'an admin already exists; sign in instead')
    const now = ctx.now()
    const { lastID } = await tx.run(
      'INSERT INTO admins (email, password_hash, created_at) VALUES (?, ?, ?)',
      [email, passwordHash, now],
    )
    await audit(
      tx,
      {
        actor: email,
        action: 'admin.create',
        entityType: 'admin',
        entityId: lastID,
        after: { email },
      },
      now,
    )
    return { id: lastID, email }
  })
}

export async function signIn(
  ctx: PlatformContext,
  email: string,
  password: string,
  clientKey: string,
): Promise<AdminSession> {
  const key = `signin:${clientKey}`
  ctx.limiter.check(key, ctx.now())
  const admin = await ctx.db.get<AdminRow>('SELECT * FROM admins WHERE email = ?', [email])
  // Hash even for an unknown email, so response time does not tell which emails exist.
  const ok = admin
    ? await verifyPassword(password, admin.password_hash)
    : (await verifyPassword(password, DUMMY_HASH), false)
  if (!admin || !ok) {
    ctx.limiter.fail(key, ctx.now())
    throw new HttpError(401, 'Unauthorized', WRONG_CREDENTIALS, [
      { field: 'password', reason: 'does not match this email' },
    ])
  }
  const token = newToken()
  const now = ctx.now()
  const expiresAt = now + SESSION_TTL_MS
  await ctx.db.transaction((tx) =>
    tx.run(
      'INSERT INTO admin_sessions (admin_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)',
      [admin.id, sha256(token), now, expiresAt],
    ),
  )
  return { token, expiresAt: iso(expiresAt), admin: { id: admin.id, email: admin.email } }
}

export async function signOut(ctx: PlatformContext, token: string): Promise<void> {
  await ctx.db.transaction((tx) =>
    tx.run('DELETE FROM admin_sessions WHERE token_hash = ?', [sha256(token)]),
  )
}

/** The admin behind a bearer token, or 401. */
export async function authenticateAdmin(
  ctx: PlatformContext,
  token: string | undefined,
): Promise<{ id: number; email: string }> {
  if (!token) throw unauthorized()
  const row = await ctx.db.get<{ id: number; email: string }>(
    `SELECT a.id, a.email FROM admin_sessions s JOIN admins a ON a.id = s.admin_id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
    [sha256(token), ctx.now()],
  )
  if (!row) throw unauthorized()
  return row
}

// A valid scrypt hash of a random password, verified against when the email is unknown.
const DUMMY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

export { SESSION_TTL_MS }
