/**
 * `npm run bench [-- <part of a suite name>…]`: the performance targets of
 * DESIGN.md §8, each printed next to a baseline measured in the same run.
 * A report, not a gate: it exits 0 when a target is missed and non-zero only
 * when a bench could not run.
 */
import os from 'node:os'
import { createUserAndLine, listUsers10k } from './platform'
import { sipCallSetup } from './sip-calls'
import { softphoneUi } from './softphone-ui'
import { adminUi10k } from './admin-ui'
import { listAndCreateUnderLoad } from './load'
import { qrDecode } from './qr-decode'
import { WARMUP } from './measure'
import { formatTable } from './table'
import type { BenchRow, BenchSuite } from './types'

/** Every bench, in the order of the table. Add a module here to add rows. */
const SUITES: readonly BenchSuite[] = [
  createUserAndLine,
  listUsers10k,
  listAndCreateUnderLoad,
  sipCallSetup,
  softphoneUi,
  adminUi10k,
  qrDecode,
]

async function main(argv: readonly string[]): Promise<number> {
  const wanted = argv.map((a) => a.toLowerCase())
  const suites = wanted.length
    ? SUITES.filter((s) => wanted.some((w) => s.name.toLowerCase().includes(w)))
    : SUITES
  if (suites.length === 0) {
    console.error(
      `No bench matches ${argv.join(' ')}. Benches: ${SUITES.map((s) => s.name).join(', ')}`,
    )
    return 2
  }

  const started = performance.now()
  const rows: BenchRow[] = []
  const notes: string[] = []
  const failed: string[] = []
  for (const suite of suites) {
    process.stderr.write(`bench: ${suite.name}\n`)
    try {
      const result = await suite.run()
      rows.push(...result.rows)
      notes.push(...(result.notes ?? []))
    } catch (err) {
      failed.push(suite.name)
      console.error(`bench "${suite.name}" failed:`, err)
    }
  }

  const cpus = os.cpus()
  console.log(
    `phone.systems bench: Node ${process.version}, ${cpus[0]?.model.trim() ?? 'unknown CPU'} ` +
      `x${cpus.length}, ${os.platform()} ${os.release()}, loopback HTTP, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  console.log(
    `Medians over the runs shown, after ${WARMUP} warm-up runs; each row interleaved with its ` +
      'baseline. Verdict: median vs target.\n',
  )
  if (rows.length > 0) {
    console.log(formatTable(rows))
    console.log(
      'server median: the same request through Fastify inject() (routing, auth, validation, ' +
        'SQL, JSON), without socket or client.',
    )
    for (const note of notes) console.log(note)
  }
  if (failed.length > 0) console.error(`\nFailed: ${failed.join(', ')}`)
  return failed.length > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
