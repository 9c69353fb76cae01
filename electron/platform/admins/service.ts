import type { PlatformContext } from '../context'
import { audit } from '../audit'
import { conflict, HttpError, unauthorized } from '../errors'
import { hashPassword, verifyPassword } from '../security/passwords'
import { newToken, sha256 } from '../security/tokens'
import { iso } from '../time'
import type { AdminSession } from '@shared/schemas/admin'
import {
  countAdmins,
  deleteSession,
  type AdminRow,
  findAdminByEmail,
  findAdminBySession,
  insertAdmin,
  insertSession,
} from './repository'

const SESSION_TTL_MS = 12 * 3_600_000
const WRONG_CREDENTIALS = 'Email or password is wrong'

const adminExists = () => conflict('email', 'an admin already exists; sign in instead')

export async function adminCount(ctx: PlatformContext): Promise<number> {
  return countAdmins(ctx.db)
}

/**
 * Creates the first admin; refused once any admin exists, so the endpoint cannot mint more.
 * The cheap check runs before the password is hashed: once an admin exists, which is
 * the platform's whole life after setup, this endpoint costs a count query and no hash.
 */
export async function createFirstAdmin(
  ctx: PlatformContext,
  email: string,
  password: string,
): Promise<{ id: number; email: string }> {
  if ((await countAdmins(ctx.db)) > 0) throw adminExists()
  const passwordHash = await hashPassword(password)
  return ctx.db.transaction(async (tx) => {
    // Checked again inside the (serialised) transaction: of two setups racing past
    // the first check, the second finds the first's admin here and gets 409.
    if ((await countAdmins(tx)) > 0) throw adminExists()
    const now = ctx.now()
    const lastID = await insertAdmin(tx, email, passwordHash, now)
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

/**
 * A session for the right email and password. The attempt is counted before
 * anything is awaited (ctx.limits.signIn), so parallel guesses count too; it
 * stops counting when the password was right or never checked (the hash queue
 * was full, the database failed).
 */
export async function signIn(
  ctx: PlatformContext,
  email: string,
  password: string,
  clientKey: string,
): Promise<AdminSession> {
  const attempt = ctx.limits.signIn(clientKey, email, ctx.now())
  const admin = await checkCredentials(ctx, email, password).catch((err: unknown) => {
    attempt.abandoned()
    throw err
  })
  if (!admin) {
    attempt.failed()
    throw new HttpError(401, 'Unauthorized', WRONG_CREDENTIALS, [
      { field: 'password', reason: 'does not match this email' },
    ])
  }
  attempt.succeeded()
  const token = newToken()
  const now = ctx.now()
  const expiresAt = now + SESSION_TTL_MS
  await ctx.db.transaction((tx) => insertSession(tx, admin.id, sha256(token), now, expiresAt))
  return { token, expiresAt: iso(expiresAt), admin: { id: admin.id, email: admin.email } }
}

/** The admin with this email and password, or null. */
async function checkCredentials(
  ctx: PlatformContext,
  email: string,
  password: string,
): Promise<AdminRow | null> {
  const admin = await findAdminByEmail(ctx.db, email)
  // Hash even for an unknown email, so response time does not tell which emails exist.
  if (!admin) return (await verifyPassword(password, DUMMY_HASH), null)
  return (await verifyPassword(password, admin.password_hash)) ? admin : null
}

export async function signOut(ctx: PlatformContext, token: string): Promise<void> {
  await ctx.db.transaction((tx) => deleteSession(tx, sha256(token)))
}

/** The admin behind a bearer token, or 401. */
export async function authenticateAdmin(
  ctx: PlatformContext,
  token: string | undefined,
): Promise<{ id: number; email: string }> {
  if (!token) throw unauthorized()
  const row = await findAdminBySession(ctx.db, sha256(token), ctx.now())
  if (!row) throw unauthorized()
  return row
}

// A valid scrypt hash of a random password, verified against when the email is unknown.
const DUMMY_HASH =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

export { SESSION_TTL_MS }
