import { describe, expect, it } from 'vitest'
import { HttpError } from '../../electron/platform/errors'
import { hashPassword, hashQueue, verifyPassword } from '../../electron/platform/security/passwords'
import {
  PASSWORD_HASHES_AT_ONCE,
  PASSWORD_HASHES_WAITING,
} from '../../electron/platform/security/limits'

// scrypt at N=2^17 costs ~0.3 s and 128 MiB per call: two hashes and a handful of
// verifications, shared across the tests below.
const PASSWORD = 'correct horse battery staple'

describe('password hashing', () => {
  const first = hashPassword(PASSWORD)
  const second = hashPassword(PASSWORD)

  it('stores scheme, parameters, salt and key as scrypt$N$r$p$salt$hash', async () => {
    const stored = await first
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$')
    expect(rest).toEqual([])
    expect({ scheme, n, r, p }).toEqual({ scheme: 'scrypt', n: String(2 ** 17), r: '8', p: '1' })
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16)
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32)
    expect(stored).not.toContain(PASSWORD)
  })

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await first
    expect(await verifyPassword(PASSWORD, stored)).toBe(true)
    expect(await verifyPassword(`${PASSWORD}!`, stored)).toBe(false)
  })

  it('salts: two hashes of the same password differ, and each verifies', async () => {
    const [a, b] = await Promise.all([first, second])
    expect(a).not.toBe(b)
    expect(a.split('$')[4]).not.toBe(b.split('$')[4])
    expect(await verifyPassword(PASSWORD, b)).toBe(true)
  })

  it('answers false for a stored value that is not a hash it knows', async () => {
    const stored = await first
    const [, n, r, p, salt, hash] = stored.split('$')
    for (const malformed of [
      '',
      'plain text',
      PASSWORD,
      `bcrypt$${n}$${r}$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$`,
      `scrypt$$${r}$${p}$${salt}$${hash}`,
    ]) {
      expect(await verifyPassword(PASSWORD, malformed), JSON.stringify(malformed)).toBe(false)
    }
  })

  it('answers false, not an error, for a hash whose key has the wrong length', async () => {
    const stored = await first
    const truncated = stored.slice(0, stored.lastIndexOf('$') + 1) + 'c2hvcnQ='
    expect(await verifyPassword(PASSWORD, truncated)).toBe(false)
  })

  // A corrupted row must fail the sign-in, not turn it into a 500.
  it.each([
    ['non-numeric', 'abc'],
    ['not a power of two', '3'],
    ['beyond the memory limit', String(2 ** 30)],
  ])('answers false, not an error, for an N that is %s', async (_what, n) => {
    const [, , r, p, salt, hash] = (await first).split('$')
    const malformed = ['scrypt', n, r, p, salt, hash].join('$')
    await expect(verifyPassword(PASSWORD, malformed)).resolves.toBe(false)
  })

  it('refuses with 503 and a retry-after, not "wrong password", while the hash queue is full', async () => {
    const stored = await first
    // Occupy every running and waiting place with jobs the test releases.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const holders = Array.from({ length: PASSWORD_HASHES_AT_ONCE + PASSWORD_HASHES_WAITING }, () =>
      hashQueue.run(() => held),
    )
    for (const attempt of [verifyPassword(PASSWORD, stored), hashPassword(PASSWORD)]) {
      const err = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(HttpError)
      expect((err as HttpError).statusCode).toBe(503)
      expect((err as HttpError).retryAfterSeconds).toBeGreaterThan(0)
    }
    release()
    await Promise.all(holders)
    expect(await verifyPassword(PASSWORD, stored)).toBe(true)
  })
})
