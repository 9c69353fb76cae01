import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { serviceUnavailable } from '../errors'
import {
  PASSWORD_BUSY_RETRY_AFTER_SECONDS,
  PASSWORD_HASHES_AT_ONCE,
  PASSWORD_HASHES_WAITING,
} from './limits'
import { WorkQueue } from './work-queue'

// OWASP's scrypt parameters for interactive logins (N=2^17, r=8, p=1) need
// 128 MiB; that is the memory cost we want an attacker to pay per guess.
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const MAX_MEM = 256 * 1024 * 1024

/**
 * One queue for the whole process, because libuv's thread pool is per process:
 * however many clients send passwords, at most PASSWORD_HASHES_AT_ONCE threads
 * are hashing and the rest stay free for SQLite. Beyond the small wait list the
 * answer is 503 at once, so a flood of sign-ins costs no thread and no memory.
 */
export const hashQueue = new WorkQueue(PASSWORD_HASHES_AT_ONCE, PASSWORD_HASHES_WAITING, () =>
  serviceUnavailable(
    PASSWORD_BUSY_RETRY_AFTER_SECONDS,
    'The platform is busy checking other passwords.',
  ),
)

function derive(password: string, salt: Buffer, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...params, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/**
 * `scrypt$N$r$p$salt$hash`, parameters stored so they can be raised later.
 * Throws the 503 of `hashQueue` when too many hashes are running and waiting.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await hashQueue.run(() => derive(password, salt, PARAMS))
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$')
}

/** Whether `password` matches `stored`; throws the 503 of `hashQueue` like `hashPassword`. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  // A corrupted row must read as a wrong password (401), not crash sign-in (500).
  if (!plausibleParams(params)) return false
  const expected = Buffer.from(hash, 'base64')
  // Only scrypt's own failure reads as a wrong password; the queue's 503 must reach
  // the client as "busy", not count as a failed attempt.
  const key = await hashQueue.run(() =>
    derive(password, Buffer.from(salt, 'base64'), params).catch(() => null),
  )
  return key !== null && key.length === expected.length && timingSafeEqual(key, expected)
}

function plausibleParams({ N, r, p }: { N: number; r: number; p: number }): boolean {
  const ints = [N, r, p].every((v) => Number.isSafeInteger(v) && v >= 1)
  return ints && N >= 2 && (N & (N - 1)) === 0 && 128 * N * r <= MAX_MEM
}
