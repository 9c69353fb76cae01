// `npm test`: every check in order, stopping at the first failing stage with its exit
// code. The last line is always `N passed, N failed, N skipped`, summed over the test
// runners (skipped = reported as not run, e.g. Electron tests without an Electron
// binary). Exits non-zero when anything failed or when no test ran at all.
//
// TEST_STAGES=vitest,playwright npm test   runs only the listed stages
//   (lint, electron-security, format, typecheck, build, vitest, playwright), for quicker loops while
//   developing; the full run is what CI does.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { bin, readJson, root, run } from './run.mjs'

const resultsDir = join(root, 'test-results')
const vitestJson = join(resultsDir, 'vitest.json')
const playwrightJson = join(resultsDir, 'playwright.json')

const totals = { passed: 0, failed: 0, skipped: 0 }

const stages = [
  { name: 'lint', run: () => run('npm', ['run', 'lint']) },
  // electronegativity over electron/ (docs/security.md, "Electron security check").
  { name: 'electron-security', run: () => run('node', ['scripts/electron-security.mjs']) },
  { name: 'format', run: () => run('npm', ['run', 'format:check']) },
  { name: 'typecheck', run: () => run('npm', ['run', 'typecheck']) },
  { name: 'build', run: () => run(bin('electron-vite'), ['build']) },
  { name: 'vitest', run: runVitest },
  { name: 'playwright', run: runPlaywright },
]

async function runVitest() {
  rmSync(vitestJson, { force: true })
  const code = await run(bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ])
  const report = readJson(vitestJson)
  if (report) {
    // A file that fails to load has no test results of its own: count it as one failure.
    const brokenFiles = report.testResults.filter(
      (file) =>
        file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
    ).length
    add(
      report.numPassedTests,
      report.numFailedTests + brokenFiles,
      report.numPendingTests + report.numTodoTests,
    )
  }
  return code
}

async function runPlaywright() {
  if (!existsSync(join(root, 'playwright.config.ts'))) {
    console.log('[test] no playwright.config.ts: no Playwright stage')
    return 0
  }
  rmSync(playwrightJson, { force: true })
  const code = await run(bin('playwright'), ['test', '--reporter=list,json'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson },
  })
  const report = readJson(playwrightJson)
  if (report) {
    const { expected, unexpected, flaky, skipped } = report.stats
    // Errors outside tests (global setup, a broken spec file) fail the run too.
    add(expected + flaky, unexpected + (report.errors?.length ?? 0), skipped)
    for (const line of notRun(report.suites ?? [])) console.log(`[test] not run: ${line}`)
  }
  return code
}

/** Skipped Playwright tests with their reasons, so "not run" is never silent. */
function notRun(suites, path = []) {
  const lines = []
  for (const suite of suites) {
    const here = suite.title ? [...path, suite.title] : path
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue
        const reason = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'skipped'
        lines.push(`[${t.projectName}] ${[...here, spec.title].join(' › ')} — ${reason}`)
      }
    }
    lines.push(...notRun(suite.suites ?? [], here))
  }
  return lines
}

function add(passed, failed, skipped) {
  totals.passed += passed
  totals.failed += failed
  totals.skipped += skipped
}

function selectedStages() {
  const wanted = process.env.TEST_STAGES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (!wanted?.length) return stages
  const unknown = wanted.filter((name) => !stages.some((stage) => stage.name === name))
  if (unknown.length > 0) {
    console.error(`[test] unknown TEST_STAGES: ${unknown.join(', ')}`)
    process.exit(2)
  }
  return stages.filter((stage) => wanted.includes(stage.name))
}

mkdirSync(resultsDir, { recursive: true })
let exitCode = 0
for (const stage of selectedStages()) {
  console.log(`\n[test] ${stage.name}`)
  const code = await stage.run()
  if (code !== 0) {
    console.error(`[test] stage ${stage.name} failed (exit ${code})`)
    exitCode = code
    break
  }
}

const ran = totals.passed + totals.failed
if (exitCode === 0 && totals.failed > 0) exitCode = 1
if (exitCode === 0 && ran === 0) {
  console.error('[test] no test ran')
  exitCode = 1
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(exitCode)
