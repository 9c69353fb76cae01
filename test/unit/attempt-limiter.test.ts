import { describe, expect, it } from 'vitest'
import { HttpError } from '../../electron/platform/errors'
import {
  AttemptLimiter,
  reserveAll,
  type Attempt,
} from '../../electron/platform/security/attempt-limiter'

const WINDOW = 60_000
const T0 = 1_700_000_000_000
const FIVE = { max: 5, windowMs: WINDOW }

/** The 429 `reserve` throws, or undefined when it counts the attempt (which is then failed). */
function refusal(limiter: AttemptLimiter, key: string, now: number): HttpError | undefined {
  try {
    limiter.reserve(key, now).failed()
    return undefined
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError)
    return err as HttpError
  }
}

/** Whether `key` is refused now, without counting an attempt. */
const refused = (limiter: AttemptLimiter, key: string, now: number) =>
  limiter.retryAfter(key, now) > 0

function failTimes(limiter: AttemptLimiter, key: string, times: number, start: number, step = 0) {
  for (let i = 0; i < times; i++) {
    expect(refusal(limiter, key, start + i * step)).toBeUndefined()
  }
}

describe('AttemptLimiter', () => {
  it('allows five failures, then refuses the sixth attempt with 429 and a retry-after', () => {
    const limiter = new AttemptLimiter(FIVE)
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

  it('counts an attempt when it is reserved, before its outcome: parallel attempts see each other', () => {
    const limiter = new AttemptLimiter(FIVE)
    // Fifty requests arrive together; none has been judged when the next one comes in.
    const outcomes = Array.from({ length: 50 }, () => {
      try {
        return limiter.reserve('k', T0)
      } catch (err) {
        return err as HttpError
      }
    })
    const running = outcomes.filter((o): o is Attempt => !(o instanceof HttpError))
    expect(running).toHaveLength(5)
    expect(outcomes.slice(5).every((o) => o instanceof HttpError && o.statusCode === 429)).toBe(
      true,
    )
    for (const attempt of running) attempt.failed()
    expect(refused(limiter, 'k', T0 + 1)).toBe(true)
  })

  it('a success stops counting; a failure keeps counting', () => {
    const limiter = new AttemptLimiter(FIVE)
    const attempts = Array.from({ length: 5 }, () => limiter.reserve('k', T0))
    expect(refused(limiter, 'k', T0)).toBe(true) // five in flight fill the budget
    attempts[0]!.succeeded()
    expect(refused(limiter, 'k', T0)).toBe(false)
    attempts[1]!.failed()
    attempts[1]!.succeeded() // settled already: ignored, the failure stays
    attempts[0]!.succeeded() // twice: releases nothing more
    const sixth = limiter.reserve('k', T0)
    expect(refused(limiter, 'k', T0)).toBe(true)
    sixth.abandoned() // never judged: stops counting like a success
    expect(refused(limiter, 'k', T0)).toBe(false)
  })

  it('refuses every attempt while the window is full, right or wrong', () => {
    const limiter = new AttemptLimiter(FIVE)
    failTimes(limiter, 'k', 5, T0)
    for (const t of [T0, T0 + 1, T0 + 30_000, T0 + WINDOW - 1]) {
      expect(refusal(limiter, 'k', t)?.statusCode, `at +${t - T0} ms`).toBe(429)
    }
  })

  it('rounds retry-after up to whole seconds, at least 1', () => {
    const limiter = new AttemptLimiter(FIVE)
    failTimes(limiter, 'k', 5, T0)
    expect(refusal(limiter, 'k', T0 + 100)!.message).toContain('in 60 seconds')
    expect(refusal(limiter, 'k', T0 + 58_500)!.message).toContain('in 2 seconds')
    expect(refusal(limiter, 'k', T0 + WINDOW - 1)!.message).toContain('in 1 second.')
  })

  it('four failures still allow an attempt', () => {
    const limiter = new AttemptLimiter(FIVE)
    failTimes(limiter, 'k', 4, T0)
    expect(refusal(limiter, 'k', T0 + 1)).toBeUndefined()
  })

  it('forgets failures once they are older than the window', () => {
    const limiter = new AttemptLimiter(FIVE)
    failTimes(limiter, 'k', 5, T0, 10_000) // T0, +10s, +20s, +30s, +40s
    expect(refused(limiter, 'k', T0 + WINDOW - 1)).toBe(true)
    // At T0+60s the first failure has aged out: four remain, one more try is allowed.
    expect(refusal(limiter, 'k', T0 + WINDOW)).toBeUndefined()
    const err = refusal(limiter, 'k', T0 + WINDOW + 1)
    // Now the oldest is the one at T0+10s, leaving at T0+70s.
    expect(err!.message).toContain('in 10 seconds')
    // Well after the last failure the key is clean again.
    failTimes(limiter, 'k', 4, T0 + 10 * WINDOW)
    expect(refusal(limiter, 'k', T0 + 10 * WINDOW)).toBeUndefined()
  })

  it('keeps keys independent', () => {
    const limiter = new AttemptLimiter(FIVE)
    failTimes(limiter, '198.51.100.1', 5, T0)
    failTimes(limiter, '198.51.100.2', 4, T0)
    expect(refusal(limiter, '198.51.100.1', T0 + 1)?.statusCode).toBe(429)
    expect(refusal(limiter, '198.51.100.2', T0 + 1)).toBeUndefined()
    expect(refusal(limiter, '198.51.100.3', T0 + 1)).toBeUndefined()
  })

  it('honours a custom maximum and window', () => {
    const limiter = new AttemptLimiter({ max: 2, windowMs: 1_000 })
    failTimes(limiter, 'k', 2, T0)
    expect(refusal(limiter, 'k', T0 + 999)?.message).toContain('in 1 second.')
    expect(refusal(limiter, 'k', T0 + 1_000)).toBeUndefined()
  })

  it('bounds memory: beyond maxKeys the least recently attempted key is forgotten', () => {
    const limiter = new AttemptLimiter({ max: 1, windowMs: WINDOW }, 3)
    limiter.reserve('a', T0).failed()
    limiter.reserve('b', T0 + 1).failed()
    limiter.reserve('c', T0 + 2).failed()
    for (const k of ['a', 'b', 'c']) expect(refused(limiter, k, T0 + 3), k).toBe(true)

    limiter.reserve('d', T0 + 4).failed() // 'a' is the oldest and goes
    expect(refused(limiter, 'a', T0 + 5)).toBe(false)
    for (const k of ['b', 'c', 'd']) expect(refused(limiter, k, T0 + 5), k).toBe(true)

    limiter.count('b', T0 + 6).failed() // a new attempt makes 'b' the most recent
    limiter.reserve('e', T0 + 7).failed() // so 'c' goes, not 'b'
    expect(refused(limiter, 'c', T0 + 8)).toBe(false)
    for (const k of ['b', 'd', 'e']) expect(refused(limiter, k, T0 + 8), k).toBe(true)
  })

  it('remembers only the last maxKeys addresses under a flood', () => {
    const limiter = new AttemptLimiter({ max: 1, windowMs: WINDOW }, 100)
    const key = (i: number) => `10.0.${i >> 8}.${i & 255}`
    for (let i = 0; i < 10_000; i++) limiter.reserve(key(i), T0 + i).failed()
    const now = T0 + 10_000
    const stillRefused = Array.from({ length: 10_000 }, (_, i) => i).filter((i) =>
      refused(limiter, key(i), now),
    )
    expect(stillRefused).toEqual(Array.from({ length: 100 }, (_, i) => 9_900 + i))
  })
})

describe('reserveAll', () => {
  it('counts under every key, or under none when one is used up', () => {
    const perKey = new AttemptLimiter({ max: 2, windowMs: WINDOW })
    const overall = new AttemptLimiter({ max: 3, windowMs: 10 * WINDOW })
    reserveAll(
      [
        [perKey, 'a'],
        [overall, 'all'],
      ],
      T0,
    ).failed()
    reserveAll(
      [
        [perKey, 'a'],
        [overall, 'all'],
      ],
      T0,
    ).failed()
    // 'a' is used up; the refusal must not spend the overall budget.
    expect(() =>
      reserveAll(
        [
          [perKey, 'a'],
          [overall, 'all'],
        ],
        T0,
      ),
    ).toThrow(HttpError)
    expect(refused(overall, 'all', T0)).toBe(false)
    reserveAll(
      [
        [perKey, 'b'],
        [overall, 'all'],
      ],
      T0,
    ).failed()
    // Now the overall budget is full: 'c' has tries left but is refused, with the longer wait.
    let err: HttpError | undefined
    try {
      reserveAll(
        [
          [perKey, 'c'],
          [overall, 'all'],
        ],
        T0,
      )
    } catch (e) {
      err = e as HttpError
    }
    expect(err?.statusCode).toBe(429)
    expect(err?.retryAfterSeconds).toBe(600)
    expect(refused(perKey, 'c', T0)).toBe(false)
  })

  it('settles every part together', () => {
    const one = new AttemptLimiter({ max: 1, windowMs: WINDOW })
    const two = new AttemptLimiter({ max: 1, windowMs: WINDOW })
    const attempt = reserveAll(
      [
        [one, 'k'],
        [two, 'k'],
      ],
      T0,
    )
    expect(refused(one, 'k', T0) && refused(two, 'k', T0)).toBe(true)
    attempt.succeeded()
    expect(refused(one, 'k', T0) || refused(two, 'k', T0)).toBe(false)
  })
})
