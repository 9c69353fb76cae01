import Papa from 'papaparse'

/** One CSV record and the line of the file it starts on (the header is line 1). */
export interface CsvRecord {
  line: number
  cells: string[]
  /** What the parser found wrong with this record, e.g. an unterminated quote. */
  problem?: string
}

/**
 * Splits CSV text into records, remembering where each starts so errors can
 * name the line an admin sees in an editor. The delimiter is guessed (comma,
 * semicolon, tab…): spreadsheets in many locales save with semicolons.
 * Blank lines are dropped.
 */
export function readCsvRecords(csv: string): CsvRecord[] {
  // One newline convention, so a stray \r never ends up inside a cell; a
  // byte-order mark (spreadsheets write one) is not part of the first header.
  const text = csv.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const records: CsvRecord[] = []
  let start = 0
  let line = 1
  Papa.parse<string[]>(text, {
    step(result) {
      const end = result.meta.cursor
      const problem = result.errors.find((e) => e.type !== 'Delimiter')?.message
      const cells = result.data
      if (problem || cells.some((cell) => cell.trim() !== '')) {
        records.push({ line, cells, ...(problem ? { problem } : {}) })
      }
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++
      start = end
    },
  })
  return records
}
