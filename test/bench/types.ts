/**
 * What a bench module hands to `run.ts`. A new measurement of DESIGN.md §8
 * (SIP call setup, UI timings, …) is a module exporting a `BenchSuite`,
 * added to the list in `run.ts`.
 */

export interface Baseline {
  /** Per run, in the row's unit, measured in the same run as the row, interleaved with it. */
  samples: readonly number[]
  /** One line saying what the baseline is; rows with the same text share a footnote. */
  note: string
}

export interface BenchRow {
  measurement: string
  /** Milliseconds per run of the measured work, as the client sees it (or `unit`s). */
  samples: readonly number[]
  /** What the samples, target and baseline count when not milliseconds, e.g. `KB`. */
  unit?: 'ms' | 'KB'
  /** The same work timed without the network (e.g. Fastify's `inject`), when cheap to get. */
  serverSamples?: readonly number[]
  /** DESIGN.md §8 target for the median, in the row's unit; absent where §8 sets none. */
  targetMs?: number
  /** The percentile `targetMs` bounds (e.g. 99), where the target is not on the median. */
  targetPercentile?: number
  baseline: Baseline
}

export interface SuiteResult {
  rows: BenchRow[]
  /** Extra lines printed under the table: breakdowns, set-up facts. */
  notes?: string[]
}

export interface BenchSuite {
  /** Short name; `npm run bench -- <part of name>` runs only matching suites. */
  name: string
  /** Sets up, measures and cleans up after itself, also when it throws. */
  run(): Promise<SuiteResult>
}
