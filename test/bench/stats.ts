/** Order statistics of timing samples (milliseconds). */

function sorted(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new Error('no samples')
  return [...samples].sort((a, b) => a - b)
}

export function median(samples: readonly number[]): number {
  const s = sorted(samples)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Nearest-rank percentile, `p` from 0 to 100: a value that was actually measured. */
export function percentile(samples: readonly number[], p: number): number {
  const s = sorted(samples)
  const rank = Math.ceil((p / 100) * s.length)
  return s[Math.min(s.length, Math.max(1, rank)) - 1]!
}

export interface Summary {
  runs: number
  median: number
  p95: number
}

export function summarize(samples: readonly number[]): Summary {
  return { runs: samples.length, median: median(samples), p95: percentile(samples, 95) }
}
