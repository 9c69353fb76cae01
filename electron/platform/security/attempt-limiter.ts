import { tooManyRequests } from '../errors'

/**
 * Counts failed attempts per key (a client address) in a sliding window.
 * Once `max` failures fall inside the window every further attempt is
 * refused, right or wrong, until the oldest failure ages out: guessing a
 * 60-bit code at five tries a minute is hopeless.
 */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly max = 5,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 100_000,
  ) {}

  /** Throws 429 if `key` has used up its failures. */
  check(key: string, now: number): void {
    const recent = this.recent(key, now)
    if (recent.length >= this.max) {
      const retryAfter = Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000))
      throw tooManyRequests(retryAfter)
    }
  }

  fail(key: string, now: number): void {
    const recent = this.recent(key, now)
    recent.push(now)
    this.failures.delete(key)
    this.failures.set(key, recent)
    // Bound memory under a flood of addresses: forget the least recent key.
    if (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value
      if (oldest !== undefined) this.failures.delete(oldest)
    }
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs)
    if (list.length === 0) this.failures.delete(key)
    else this.failures.set(key, list)
    return list
  }
}
