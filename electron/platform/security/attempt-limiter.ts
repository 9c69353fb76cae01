import { tooManyRequests } from '../errors'
import type { Budget } from './limits'

/** One attempt counted by `AttemptLimiter.reserve`, settled once its outcome is known. */
export interface Attempt {
  /** The attempt worked: it stops counting. */
  succeeded(): void
  /** The attempt failed: it keeps counting until it leaves the window. */
  failed(): void
  /**
   * The attempt was never judged (the hash queue was full, the database failed):
   * it stops counting, like a success, but proves nothing.
   */
  abandoned(): void
}

/**
 * Counts attempts per key in a sliding window. `reserve` counts an attempt
 * the moment it starts, synchronously, before any awaited work: requests sent
 * together then see each other, so the sixth of fifty parallel guesses is
 * refused as surely as the sixth of fifty in a row. Checking first and
 * counting the failure after the await let all fifty through.
 *
 * Once `max` attempts (failed or still running) fall inside the window every
 * further attempt is refused, right or wrong, until the oldest ages out.
 */
export class AttemptLimiter {
  /** Per key, the start time of each failed or running attempt, oldest first. */
  private readonly attempts = new Map<string, { at: number }[]>()

  constructor(
    private readonly budget: Budget = { max: 5, windowMs: 60_000 },
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now)
    if (recent.length < this.budget.max) return 0
    return Math.max(1, Math.ceil((recent[0]!.at + this.budget.windowMs - now) / 1000))
  }

  /** Throws 429 if `key` has used up its attempts; otherwise counts this one from `now`. */
  reserve(key: string, now: number): Attempt {
    const wait = this.retryAfter(key, now)
    if (wait > 0) throw tooManyRequests(wait)
    return this.count(key, now)
  }

  /** Counts an attempt without checking the budget; `reserveAll` checks first. */
  count(key: string, now: number): Attempt {
    const entry = { at: now }
    const recent = this.recent(key, now)
    recent.push(entry)
    // Re-inserted so the map's order is least recently attempted first.
    this.attempts.delete(key)
    this.attempts.set(key, recent)
    // Bound memory under a flood of keys: forget the least recently attempted one.
    if (this.attempts.size > this.maxKeys) {
      const oldest = this.attempts.keys().next().value
      if (oldest !== undefined) this.attempts.delete(oldest)
    }
    let settled = false
    const release = () => {
      if (settled) return
      settled = true
      const list = this.attempts.get(key)
      const at = list?.indexOf(entry) ?? -1
      if (at >= 0) list!.splice(at, 1)
      if (list?.length === 0) this.attempts.delete(key)
    }
    return {
      succeeded: release,
      abandoned: release,
      failed: () => {
        settled = true
      },
    }
  }

  private recent(key: string, now: number): { at: number }[] {
    const list = (this.attempts.get(key) ?? []).filter((a) => a.at > now - this.budget.windowMs)
    if (list.length === 0) this.attempts.delete(key)
    else this.attempts.set(key, list)
    return list
  }
}

/**
 * Reserves one attempt under each (limiter, key) pair, all or none: when any
 * is used up, throws its 429 (the longest wait) and counts nothing, so being
 * refused by one limit does not spend the others.
 */
export function reserveAll(
  pairs: readonly (readonly [AttemptLimiter, string])[],
  now: number,
): Attempt {
  const wait = Math.max(0, ...pairs.map(([limiter, key]) => limiter.retryAfter(key, now)))
  if (wait > 0) throw tooManyRequests(wait)
  const attempts = pairs.map(([limiter, key]) => limiter.count(key, now))
  return {
    succeeded: () => attempts.forEach((a) => a.succeeded()),
    failed: () => attempts.forEach((a) => a.failed()),
    abandoned: () => attempts.forEach((a) => a.abandoned()),
  }
}
