/** Runs the timed work of a bench: warm-up, then interleaved runs of every task. */

/** Untimed rounds before measuring; every bench uses it unless it says otherwise. */
export const WARMUP = 10

/** Milliseconds taken by `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/**
 * A task times itself and returns the milliseconds to record, so it can leave
 * set-up out. `round` counts from 0 over warm-up and timed rounds alike (a
 * fresh index for unique emails and numbers); `timedRound` is false in warm-up.
 */
export type Task = (round: number, timedRound: boolean) => Promise<number>

export interface InterleaveOptions {
  /** Untimed runs first, so JIT, caches and keep-alive connections are warm. */
  warmup: number
  /**
   * Timed rounds: `max`, or fewer (never below `min`) when they have taken
   * `budgetMs` already, so a slow machine still finishes the whole bench in
   * about a minute.
   */
  runs: { min: number; max: number; budgetMs: number }
  /** Named on stderr when the runs are done, so a long bench shows progress. */
  label?: string
}

/**
 * Runs every task once per round, rotating which goes first, so a measurement
 * and its baseline see the same machine state (thermal, GC, page cache)
 * instead of one running entirely before the other.
 */
export async function interleave<K extends string>(
  tasks: Record<K, Task>,
  opts: InterleaveOptions,
): Promise<Record<K, number[]>> {
  const names = Object.keys(tasks) as K[]
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>
  const round = async (n: number, record: boolean) => {
    for (let k = 0; k < names.length; k++) {
      const name = names[(n + k) % names.length]!
      const ms = await tasks[name](n, record)
      if (record) samples[name].push(ms)
    }
  }
  for (let n = 0; n < opts.warmup; n++) await round(n, false)
  const { min, max, budgetMs } = opts.runs
  const start = performance.now()
  let runs = 0
  while (runs < max && (runs < min || performance.now() - start < budgetMs)) {
    await round(opts.warmup + runs, true)
    runs++
  }
  if (opts.label) process.stderr.write(`  ${opts.label}: ${runs} runs\n`)
  return samples
}

/** Element-wise sum of equally long sample lists: a composite baseline. */
export function addSamples(...lists: readonly (readonly number[])[]): number[] {
  const n = lists[0]?.length ?? 0
  return Array.from({ length: n }, (_, i) => lists.reduce((sum, l) => sum + l[i]!, 0))
}
