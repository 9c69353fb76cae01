import { describe, expect, it } from 'vitest'
import { HttpError } from '../../electron/platform/errors'
import { AttemptLimiter } from '../../electron/platform/security/attempt-limiter'

const WINDOW = 60_000
const T0 = 1_700_000_000_000

/** The error `check` throws, or undefined when it lets the attempt through. */
function refusal(limiter: AttemptLimiter, key: string, now: number): HttpError | undefined {
  try {
    limiter.check(key, now)
    return undefined
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError)
    return err as HttpError
  }
}

function failTimes(limiter: AttemptLimiter, key: string, times: number, start: number, step = 0) {
  for (let i = 0; i < times; i++) {
    expect(refusal(limiter, key, start + i * step)).toBeUndefined()
    limiter.fail(key, start + i * step)
  }
}

describe('AttemptLimiter', () => {
  it('allows five failures, then refuses the sixth attempt with 429 and a retry-after', () => {
    const limiter = new AttemptLimiter(5, WINDOW)
    failTimes(limiter, '203.0.113.7', 5, T0, 1_000) // failures at T0 … T0+4s
    const now = T0 + 10_000
    const err = refusal(limiter, '203.0.113.7', now)
    expect(err).toBeDefined()
    expect(err!.statusCode).toBe(429)
    expect(err!.error).toBe('Too Many Requests')
    // The oldest failure (T0) leaves the window at T0+60s: 50 s from now.
    expect(err!.message).toBe('Too many attempts. Try again in 50 seconds.')
    expect(err!.retryAfterSeconds).toBe(50)
  })

  it('refuses every attempt while the window is full, right or wrong', () => {
    const limiter = new AttemptLimiter(5, WINDOW)
    failTimes(limiter, 'k', 5, T0)
    for (const t of [T0, T0 + 1, T0 + 30_000, T0 + WINDOW - 1]) {
      expect(refusal(limiter, 'k', t)?.statusCode, `at +${t - T0} ms`).toBe(429)
    }
  })

  it('rounds retry-after up to whole seconds, at least 1', () => {
    const limiter = new AttemptLimiter(5, WINDOW)
    failTimes(limiter, 'k', 5, T0)
    expect(refusal(limiter, 'k', T0 + 100)!.message).toContain('in 60 seconds')
    expect(refusal(limiter, 'k', T0 + 58_500)!.message).toContain('in 2 seconds')
    expect(refusal(limiter, 'k', T0 + WINDOW - 1)!.message).toContain('in 1 second.')
  })

  it('four failures still allow an attempt', () => {
    const limiter = new AttemptLimiter(5, WINDOW)
    failTimes(limiter, 'k', 4, T0)
    expect(refusal(limiter, 'k', T0 + 1)).toBeUndefined()
  })

  it('forgets failures once they are older than the window', () => {
    const limiter = new AttemptLimiter(5, WINDOW)
    failTimes(limiter, 'k', 5, T0, 10_000) // T0, +10s, +20s, +30s, +40s
    expect(refusal(limiter, 'k', T0 + WINDOW - 1)).toBeDefined()
    // At T0+60s the first failure has aged out: four remain, one more try is allowed.
    expect(refusal(limiter, 'k', T0 + WINDOW)).toBeUndefined()
    limiter.fail('k', T0 + WINDOW)
    const err = refusal(limiter, 'k', T0 + WINDOW + 1)
    // Now the oldest is the one at T0+10s, leaving at T0+70s.
    expect(err!.message).toContain('in 10 seconds')
    // Well after the last failure the key is clean again.
    failTimes(limiter, 'k', 4, T0 + 10 * WINDOW)
    expect(refusal(limiter, 'k', T0 + 10 * WINDOW)).toBeUndefined()
  })

  it('keeps keys independent', () => {
    const limiter = new AttemptLimiter(5, WINDOW)
    failTimes(limiter, '198.51.100.1', 5, T0)
    failTimes(limiter, '198.51.100.2', 4, T0)
    expect(refusal(limiter, '198.51.100.1', T0 + 1)?.statusCode).toBe(429)
    expect(refusal(limiter, '198.51.100.2', T0 + 1)).toBeUndefined()
    expect(refusal(limiter, '198.51.100.3', T0 + 1)).toBeUndefined()
  })

  it('honours a custom maximum and window', () => {
    const limiter = new AttemptLimiter(2, 1_000)
    failTimes(limiter, 'k', 2, T0)
    expect(refusal(limiter, 'k', T0 + 999)?.message).toContain('in 1 second.')
    expect(refusal(limiter, 'k', T0 + 1_000)).toBeUndefined()
  })

  it('bounds memory: beyond maxKeys the least recently failed key is forgotten', () => {
    const limiter = new AttemptLimiter(1, WINDOW, 3)
    limiter.fail('a', T0)
    limiter.fail('b', T0 + 1)
    limiter.fail('c', T0 + 2)
    for (const k of ['a', 'b', 'c']) expect(refusal(limiter, k, T0 + 3), k).toBeDefined()

    limiter.fail('d', T0 + 4) // 'a' is the oldest and goes
    expect(refusal(limiter, 'a', T0 + 5)).toBeUndefined()
    for (const k of ['b', 'c', 'd']) expect(refusal(limiter, k, T0 + 5), k).toBeDefined()

    limiter.fail('b', T0 + 6) // a new failure makes 'b' the most recent
    limiter.fail('e', T0 + 7) // so 'c' goes, not 'b'
    expect(refusal(limiter, 'c', T0 + 8)).toBeUndefined()
    for (const k of ['b', 'd', 'e']) expect(refusal(limiter, k, T0 + 8), k).toBeDefined()
  })

  it('remembers only the last maxKeys addresses under a flood', () => {
    const limiter = new AttemptLimiter(1, WINDOW, 100)
    const key = (i: number) => `10.0.${i >> 8}.${i & 255}`
    for (let i = 0; i < 10_000; i++) limiter.fail(key(i), T0 + i)
    const now = T0 + 10_000
    const refused = Array.from({ length: 10_000 }, (_, i) => i).filter(
      (i) => refusal(limiter, key(i), now) !== undefined,
    )
    expect(refused).toEqual(Array.from({ length: 100 }, (_, i) => 9_900 + i))
  })
})
