import { describe, expect, it } from 'vitest'
import { HttpError } from '../../electron/platform/errors'
import { AttemptLimits } from '../../electron/platform/security/attempt-limits'
import type { Attempt } from '../../electron/platform/security/attempt-limiter'
import {
  ACTIVATION_PER_ADDRESS,
  ACTIVATION_PER_ADDRESS_AND_PREFIX,
  SIGN_IN_PER_ACCOUNT,
  SIGN_IN_PER_ADDRESS_AND_ACCOUNT,
} from '../../electron/platform/security/limits'

const T0 = 1_700_000_000_000
const EMAIL = 'admin@example.test'

/** The attempt, or the status it was refused with. */
function tryReserve(reserve: () => Attempt): Attempt | number {
  try {
    return reserve()
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError)
    return (err as HttpError).statusCode
  }
}

/** Fails `times` attempts made by `reserve`, each of which must be allowed. */
function failTimes(times: number, reserve: () => Attempt): void {
  for (let i = 0; i < times; i++) {
    const attempt = tryReserve(reserve)
    if (typeof attempt === 'number') throw new Error(`attempt ${i + 1} refused with ${attempt}`)
    attempt.failed()
  }
}

describe('AttemptLimits: sign-in', () => {
  const perPair = SIGN_IN_PER_ADDRESS_AND_ACCOUNT.max
  const ceiling = SIGN_IN_PER_ACCOUNT.max

  it('counts per (address, account): one locked-out address does not lock the owner out', () => {
    const limits = new AttemptLimits()
    failTimes(perPair, () => limits.signIn('203.0.113.7', EMAIL, T0))
    expect(tryReserve(() => limits.signIn('203.0.113.7', EMAIL, T0))).toBe(429)
    // The email is normalised: case and spaces do not buy more guesses.
    expect(tryReserve(() => limits.signIn('203.0.113.7', ' Admin@Example.TEST ', T0))).toBe(429)
    // The same address may still sign in to another account, and the owner from elsewhere.
    expect(typeof tryReserve(() => limits.signIn('203.0.113.7', 'other@example.test', T0))).toBe(
      'object',
    )
    expect(typeof tryReserve(() => limits.signIn('198.51.100.1', EMAIL, T0))).toBe('object')
  })

  it('caps failures per account across addresses, except from addresses the account signed in from', () => {
    const limits = new AttemptLimits()
    // The owner signs in from the office once.
    ;(limits.signIn('192.0.2.10', EMAIL, T0) as Attempt).succeeded()
    // A botnet: each address stays under its own budget, together they reach the ceiling.
    for (let i = 0; i < ceiling / perPair; i++) {
      failTimes(perPair, () => limits.signIn(`10.0.0.${i}`, EMAIL, T0 + 1))
    }
    // A fresh address is refused, whatever the password…
    expect(tryReserve(() => limits.signIn('10.0.1.1', EMAIL, T0 + 2))).toBe(429)
    // …but the owner's office is not, and its failures do not feed the ceiling.
    const owner = tryReserve(() => limits.signIn('192.0.2.10', EMAIL, T0 + 2))
    expect(typeof owner).toBe('object')
    ;(owner as Attempt).succeeded()
    // Other accounts are untouched.
    expect(typeof tryReserve(() => limits.signIn('10.0.1.1', 'other@example.test', T0 + 2))).toBe(
      'object',
    )
    // After the ceiling's window the fresh address may try again.
    const later = T0 + 2 + SIGN_IN_PER_ACCOUNT.windowMs
    expect(typeof tryReserve(() => limits.signIn('10.0.1.1', EMAIL, later))).toBe('object')
  })

  it('a request that was never judged does not make its address known', () => {
    const limits = new AttemptLimits()
    ;(limits.signIn('10.9.9.9', EMAIL, T0) as Attempt).abandoned() // e.g. the hash queue was full
    for (let i = 0; i < ceiling / perPair; i++) {
      failTimes(perPair, () => limits.signIn(`10.0.0.${i}`, EMAIL, T0 + 1))
    }
    expect(tryReserve(() => limits.signIn('10.9.9.9', EMAIL, T0 + 2))).toBe(429)
  })
})

describe('AttemptLimits: activation', () => {
  const perPrefix = ACTIVATION_PER_ADDRESS_AND_PREFIX.max
  const perAddress = ACTIVATION_PER_ADDRESS.max

  it('counts per (address, first group of the code), so a colleague behind the same address is not refused', () => {
    const limits = new AttemptLimits()
    failTimes(perPrefix, () => limits.activation('192.0.2.1', 'K7QF-0000-0000', T0))
    expect(tryReserve(() => limits.activation('192.0.2.1', 'K7QF-3M9X-PW2D', T0))).toBe(429)
    expect(typeof tryReserve(() => limits.activation('192.0.2.1', 'ABCD-3M9X-PW2D', T0))).toBe(
      'object',
    )
    // Input that is no code at all has one bucket of its own.
    failTimes(perPrefix, () => limits.activation('192.0.2.1', null, T0))
    expect(tryReserve(() => limits.activation('192.0.2.1', null, T0))).toBe(429)
  })

  it('caps failures per address over every prefix', () => {
    const limits = new AttemptLimits()
    for (let i = 0; i < perAddress; i++) {
      failTimes(1, () =>
        limits.activation('192.0.2.1', `${String(i).padStart(4, '0')}-0000-0000`, T0),
      )
    }
    expect(tryReserve(() => limits.activation('192.0.2.1', 'ZZZZ-0000-0000', T0))).toBe(429)
    expect(typeof tryReserve(() => limits.activation('192.0.2.2', 'ZZZZ-0000-0000', T0))).toBe(
      'object',
    )
  })
})
