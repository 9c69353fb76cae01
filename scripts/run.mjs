// Small helpers shared by the npm scripts: run a command with inherited stdio and
// resolve with its exit code, so callers decide whether to stop.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('..', import.meta.url))

/** A JSON file's content, or undefined when it is missing or not JSON. */
export function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/** A locally installed CLI (node_modules/.bin), without going through npx. */
export function bin(name) {
  return join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
}

/** Runs a command to completion; a signal death counts as failure (128 + signal). */
export function run(command, args = [], options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      // .cmd files (npm, node_modules/.bin on Windows) only start through a shell.
      shell: process.platform === 'win32',
      ...options,
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)))
  })
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0
}

/**
 * Hands this process over to a long-running child: SIGINT/SIGTERM are passed on (Ctrl-C
 * reaches the whole process group, but `kill <pid>` from a supervisor or a test reaches
 * only us), and we exit the way the child did so our caller sees the real outcome.
 */
export function become(command, args = [], options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options })
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  child.once('error', (error) => {
    console.error(`${command}: ${error.message}`)
    process.exit(1)
  })
  child.once('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal)
      process.kill(process.pid, signal)
    } else {
      process.exit(code ?? 1)
    }
  })
}
