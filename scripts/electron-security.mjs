// `npm run check:electron`, and the electron-security stage of `npm test`: electronegativity
// over the Electron sources, failing on a HIGH or MEDIUM finding that
// electron/security-review.json does not explain, and on an explanation that matches no
// finding any more. docs/security.md ("Electron security check") says how to add one.
//
// What is scanned: electron/ (TypeScript, parsed as such by electronegativity; main,
// preload and the platform) and renderer/index.html (the page every window loads, with
// the CSP), copied together into one temporary folder so the app-wide checks (CSP,
// navigation limits, permission handler) see them as one app. Electron's version is the
// `electron` devDependency in package.json. The scan runs offline in a child process
// (scripts/electron-security-scan.mjs) that is killed after ELECTRON_SECURITY_TIMEOUT_MS
// (default 60000).
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { readJson, root } from './run.mjs'
import {
  GLOBAL_FILE,
  formatFinding,
  parseExplanations,
  review,
  toFinding,
} from './electron-security-review.mjs'

const SCANNED = ['electron', 'renderer/index.html']
const EXPLANATIONS = 'electron/security-review.json'
const timeoutMs = Number(process.env.ELECTRON_SECURITY_TIMEOUT_MS ?? 60_000)
const log = (line) => console.log(`[electron-security] ${line}`)

function electronVersion() {
  const pkg = readJson(join(root, 'package.json'))
  const range = pkg?.devDependencies?.electron ?? pkg?.dependencies?.electron
  const version = typeof range === 'string' ? /\d+\.\d+\.\d+/.exec(range)?.[0] : undefined
  if (!version) throw new Error(`no Electron version in package.json (found ${String(range)})`)
  return version
}

/** Runs the scanner child; resolves with its exit code, or 'timeout' after killing it. */
function scan(stage, version, resultFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'scripts', 'electron-security-scan.mjs'), stage, version, resultFile],
      // LANG picks electronegativity's locale: its bundled English texts.
      { cwd: root, env: { ...process.env, LANG: 'en-US' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ code: 'timeout', output })
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? signal, output })
    })
  })
}

async function main() {
  const started = Date.now()
  const version = electronVersion()
  const { explanations, errors: explanationErrors } = parseExplanations(
    readJson(join(root, EXPLANATIONS)),
  )

  const stage = mkdtempSync(join(tmpdir(), 'electron-security-'))
  let result
  try {
    for (const path of SCANNED) {
      mkdirSync(join(stage, dirname(path)), { recursive: true })
      cpSync(join(root, path), join(stage, path), { recursive: true })
    }
    const resultFile = join(stage, 'result.json.out')
    const { code, output } = await scan(stage, version, resultFile)
    if (code !== 0) {
      if (output.trim()) console.error(output.trimEnd())
      const why = code === 'timeout' ? `no result within ${timeoutMs} ms` : `exit ${code}`
      console.error(`[electron-security] electronegativity failed: ${why}`)
      return 1
    }
    result = readJson(resultFile)
    if (!result) {
      console.error('[electron-security] electronegativity wrote no result')
      return 1
    }
    // Paths inside the stage are paths from the repository root.
    const toRepoPath = (file) =>
      file === GLOBAL_FILE ? file : relative(stage, file).split(sep).join('/')
    result.findings = result.issues.map((issue) => toFinding(issue, toRepoPath(issue.file)))
    for (const error of result.errors) error.file = toRepoPath(error.file)
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }

  log(
    `electronegativity ${result.version}, Electron ${version} (package.json), ` +
      `${result.globalChecks + result.atomicChecks} checks over ${SCANNED.join(' and ')}; ` +
      `not run: ${result.excludedChecks.join(', ')} (needs the network)`,
  )
  if (result.refusedRequests > 0) {
    log(`refused ${result.refusedRequests} network request(s) of electronegativity: runs offline`)
  }

  let failed = false
  for (const error of result.errors) {
    // A file it cannot parse is a file it did not check.
    if (error.tolerable) log(`parser warning in ${error.file}: ${error.message}`)
    else {
      console.error(`[electron-security] could not parse ${error.file}: ${error.message}`)
      failed = true
    }
  }
  for (const error of explanationErrors) {
    console.error(`[electron-security] ${EXPLANATIONS}: ${error}`)
    failed = true
  }

  const { explained, unexplained, notGated, stale } = review(result.findings, explanations)
  for (const { finding, explanation } of explained) {
    log(`explained (${explanation.verdict}): ${formatFinding(finding)} — ${explanation.reason}`)
  }
  for (const finding of notGated) {
    log(`not gated: ${formatFinding(finding)} — ${finding.description}`)
  }
  for (const finding of unexplained) {
    console.error(
      `[electron-security] UNEXPLAINED: ${formatFinding(finding)} — ${finding.description} ` +
        `(${finding.url}); fix it, or explain it in ${EXPLANATIONS}`,
    )
  }
  for (const entry of stale) {
    console.error(
      `[electron-security] STALE explanation: ${entry.check} in ${entry.file} matches no ` +
        `HIGH or MEDIUM finding; remove it from ${EXPLANATIONS}`,
    )
  }
  if (unexplained.length > 0 || stale.length > 0) failed = true

  log(
    `${explained.length} explained, ${unexplained.length} unexplained, ${stale.length} stale, ` +
      `${notGated.length} below MEDIUM, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return failed ? 1 : 0
}

process.exitCode = await main().catch((error) => {
  console.error(`[electron-security] ${error.stack ?? error}`)
  return 1
})
