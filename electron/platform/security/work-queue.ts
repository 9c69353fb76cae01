/**
 * Runs at most `maxActive` jobs at once and lets at most `maxWaiting` more
 * wait for a turn; a job beyond that is refused at once with `onFull()`'s
 * error instead of joining an unbounded line. Waiters start in arrival order.
 *
 * Used to bound password hashing: each scrypt call holds one of libuv's four
 * threads (and 128 MiB), the same threads SQLite's calls run on.
 */
export class WorkQueue {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly maxActive: number,
    private readonly maxWaiting: number,
    private readonly onFull: () => Error,
  ) {}

  /** Jobs running now and jobs waiting for a turn. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length }
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxWaiting) throw this.onFull()
      // The slot is handed over by the finishing job (active is not decremented then),
      // so a newcomer cannot overtake a waiter between the release and the wake-up.
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.active++
    }
    try {
      return await job()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
