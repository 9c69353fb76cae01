#!/usr/bin/env node
// `pre` step of start/serve/test/bench: makes a fresh clone runnable.
//   node scripts/ensure-deps.mjs            npm dependencies only
//   node scripts/ensure-deps.mjs --system   also the system tools the tests drive
// The fast path only stats files, so it costs well under 100 ms when nothing is missing;
// after a fresh checkout it reads the two lock files once.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { readJson, root } from './run.mjs'
const APT_PACKAGES = [
  'chromium',
  'kamailio',
  'kamailio-websocket-modules',
  'kamailio-sqlite-modules',
  'sip-tester',
]
const APT_COMMAND = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`

function say(line) {
  console.log(`[ensure-deps] ${line}`)
}

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
    // npm is a .cmd script on Windows, which Node only starts through a shell.
    shell: process.platform === 'win32',
  })
  if (result.error) throw result.error
  if (result.status !== 0) {
    say(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs
  } catch {
    return undefined
  }
}

/**
 * Whether node_modules holds every package of package-lock.json at its locked version,
 * read from the list npm writes after each install (node_modules/.package-lock.json).
 * Optional packages may be absent: npm skips those of other platforms.
 */
function installedMatchesLock() {
  const locked = readJson(join(root, 'package-lock.json'))?.packages
  const installed = readJson(join(root, 'node_modules', '.package-lock.json'))?.packages
  if (!locked || !installed) return false
  return Object.entries(locked).every(
    ([name, pkg]) => name === '' || pkg.optional || installed[name]?.version === pkg.version,
  )
}

/**
 * npm writes node_modules/.package-lock.json after every install: when it is newer than
 * package-lock.json nothing changed since. An older one is compared by content, because a
 * fresh checkout (a clone, a git worktree) gives package-lock.json a new time without a
 * change; running `npm ci` then would wipe a working install for nothing.
 */
function ensureNpmDependencies() {
  const lock = mtime(join(root, 'package-lock.json'))
  const installed = mtime(join(root, 'node_modules', '.package-lock.json'))
  if (installed !== undefined && (lock === undefined || installed >= lock)) return
  if (installed !== undefined && installedMatchesLock()) return
  const args = lock === undefined ? ['install'] : ['ci']
  say(
    installed === undefined
      ? `node_modules missing: npm ${args[0]}`
      : `package-lock.json changed: npm ${args[0]}`,
  )
  // The Electron binary is downloaded from the internet at install time, which fails on
  // offline machines; `npm start` falls back to browser mode without it.
  run('npm', args, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
}

function onPath(binary) {
  // /usr/sbin is often missing from non-root PATHs, and that is where kamailio lives.
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin']
  return dirs.some((dir) => dir && existsSync(join(dir, binary)))
}

const KAMAILIO_MODULE_DIRS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules',
  '/usr/lib/kamailio/modules',
  '/usr/lib64/kamailio/modules',
]

function hasKamailioModule(file, debianPackage) {
  if (KAMAILIO_MODULE_DIRS.some((dir) => existsSync(join(dir, file)))) return true
  // Other multiarch layouts: ask dpkg where the package put it.
  const listed = spawnSync('dpkg', ['-L', debianPackage], { encoding: 'utf8' })
  return listed.status === 0 && listed.stdout.split('\n').some((l) => l.endsWith(`/${file}`))
}

function missingSystemTools() {
  const missing = []
  if (!existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium')
  if (!onPath('kamailio')) missing.push('kamailio')
  if (!hasKamailioModule('websocket.so', 'kamailio-websocket-modules')) {
    missing.push('kamailio websocket.so')
  }
  if (!hasKamailioModule('db_sqlite.so', 'kamailio-sqlite-modules')) {
    missing.push('kamailio db_sqlite.so')
  }
  if (!onPath('sipp')) missing.push('sipp')
  return missing
}

function ensureSystemTools() {
  const missing = missingSystemTools()
  if (missing.length === 0) return
  say(`missing system tools: ${missing.join(', ')}`)
  const debian = existsSync('/etc/debian_version')
  const isRoot = process.getuid?.() === 0
  if (!debian || !isRoot) {
    say(
      debian
        ? `run as root: ${APT_COMMAND}`
        : `install Chromium, Kamailio 5.6+ (websocket and db_sqlite modules) and sipp, e.g. on Debian: ${APT_COMMAND}`,
    )
    process.exit(1)
  }
  say(`installing ${APT_PACKAGES.join(' ')} with apt-get`)
  run('apt-get', ['update'])
  run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], {
    DEBIAN_FRONTEND: 'noninteractive',
  })
  const still = missingSystemTools()
  if (still.length > 0) {
    say(`still missing after apt-get: ${still.join(', ')}`)
    process.exit(1)
  }
}

ensureNpmDependencies()
if (process.argv.includes('--system')) ensureSystemTools()
