import { median, percentile, summarize } from './stats'
import type { BenchRow } from './types'

type Align = 'left' | 'right'

interface Column {
  header: string
  align: Align
}

const COLUMNS: readonly Column[] = [
  { header: 'measurement', align: 'left' },
  { header: 'runs', align: 'right' },
  { header: 'median', align: 'right' },
  { header: 'p95', align: 'right' },
  { header: 'server median', align: 'right' },
  { header: 'target', align: 'right' },
  { header: 'baseline (median)', align: 'right' },
  { header: 'verdict', align: 'left' },
]

/** A value with the row's unit: `36.12 ms`, `48.3 KB`. */
function inUnit(row: BenchRow, value: number): string {
  const unit = row.unit ?? 'ms'
  return `${value.toFixed(unit === 'KB' ? 1 : 2)} ${unit}`
}

/** The statistic the target bounds: the median unless the row names a percentile. */
function targeted(row: BenchRow): number {
  return row.targetPercentile === undefined
    ? median(row.samples)
    : percentile(row.samples, row.targetPercentile)
}

/** Whether the median (or the row's percentile) meets the target; null when there is none. */
export function meetsTarget(row: BenchRow): boolean | null {
  return row.targetMs === undefined ? null : targeted(row) <= row.targetMs
}

function targetCell(row: BenchRow): string {
  if (row.targetMs === undefined) return '-'
  const on = row.targetPercentile === undefined ? '' : `p${row.targetPercentile} `
  return `${on}<= ${+row.targetMs.toFixed(1)} ${row.unit ?? 'ms'}`
}

function verdict(row: BenchRow): string {
  const met = meetsTarget(row)
  return met === null ? 'no target' : met ? 'meets target' : 'misses target'
}

/** A plain aligned text table, then one footnote line per distinct baseline. */
export function formatTable(rows: readonly BenchRow[]): string {
  const footnotes: string[] = []
  const mark = (note: string) => {
    let i = footnotes.indexOf(note)
    if (i < 0) i = footnotes.push(note) - 1
    return `[${i + 1}]`
  }
  const cells = rows.map((row) => {
    const s = summarize(row.samples)
    return [
      row.measurement,
      String(s.runs),
      inUnit(row, s.median),
      inUnit(row, s.p95),
      row.serverSamples ? inUnit(row, median(row.serverSamples)) : '-',
      targetCell(row),
      `${inUnit(row, median(row.baseline.samples))} ${mark(row.baseline.note)}`,
      verdict(row),
    ]
  })
  const widths = COLUMNS.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (COLUMNS[i]!.align === 'left' ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join(' | ')
      .trimEnd()
  return [
    line(COLUMNS.map((c) => c.header)),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...cells.map(line),
    '',
    ...footnotes.map((note, i) => `[${i + 1}] baseline: ${note}`),
  ].join('\n')
}
