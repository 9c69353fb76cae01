import { median, summarize } from './stats'
import type { BenchRow } from './types'

type Align = 'left' | 'right'

interface Column {
  header: string
  align: Align
}

const COLUMNS: readonly Column[] = [
  { header: 'measurement', align: 'left' },
  { header: 'runs', align: 'right' },
  { header: 'median ms', align: 'right' },
  { header: 'p95 ms', align: 'right' },
  { header: 'server median ms', align: 'right' },
  { header: 'target', align: 'right' },
  { header: 'baseline (median ms)', align: 'right' },
  { header: 'verdict', align: 'left' },
]

const ms = (value: number) => value.toFixed(2)

export function meetsTarget(row: BenchRow): boolean {
  return median(row.samples) <= row.targetMs
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
      ms(s.median),
      ms(s.p95),
      row.serverSamples ? ms(median(row.serverSamples)) : '-',
      `<= ${row.targetMs} ms`,
      `${ms(median(row.baseline.samples))} ${mark(row.baseline.note)}`,
      meetsTarget(row) ? 'meets target' : 'misses target',
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
