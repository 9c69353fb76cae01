// Runs electronegativity's scanner over one folder, offline, and writes its raw result as
// JSON. Started by scripts/electron-security.mjs in a child process, so that process can
// kill it on a timeout; not meant to be run by hand.
//
//   node scripts/electron-security-scan.mjs <folder> <electron version> <result.json>
//
// Offline: electronegativity fetches its translations at start (and Electron's release
// list in AvailableSecurityFixesGlobalCheck, which is not run) through the `got` package.
// `got` is replaced by a stub that refuses every request before the scanner loads, so no
// request leaves this process and no run waits on a network timeout; the scanner then
// uses its bundled English texts. Refused requests are counted in the result.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const [input, electronVersion, resultFile] = process.argv.slice(2)
if (!input || !electronVersion || !resultFile) {
  console.error('usage: electron-security-scan.mjs <folder> <electron version> <result.json>')
  process.exit(2)
}

/** Checks not run: they need the network (see above). */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

const require = createRequire(import.meta.url)
const packageJson = require.resolve('@doyensec/electronegativity/package.json')
const dist = join(dirname(packageJson), 'dist')

let refusedRequests = 0
const refuse = () => {
  refusedRequests += 1
  return Promise.reject(new Error('network disabled by scripts/electron-security-scan.mjs'))
}
const gotPath = createRequire(join(dist, 'runner.js')).resolve('got')
const gotStub = Object.assign(refuse, { get: refuse, head: refuse, post: refuse })
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: gotStub }

const run = require(join(dist, 'runner.js'))
const result = await run(
  {
    input,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS.map((name) => name.toLowerCase()),
    isRelative: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
)

writeFileSync(
  resultFile,
  JSON.stringify({
    version: require(packageJson).version,
    excludedChecks: EXCLUDED_CHECKS,
    globalChecks: result.globalChecks,
    atomicChecks: result.atomicChecks,
    refusedRequests,
    errors: result.errors,
    issues: result.issues,
  }),
)
