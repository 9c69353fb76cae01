import { spawn, type ChildProcess } from 'node:child_process'
import { constants, readFileSync, readdirSync } from 'node:fs'
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import readline from 'node:readline'
import type { Readable } from 'node:stream'
import type { KamailioRpc } from './kamailio-rpc'

/** The subset of pino (Fastify's logger) the supervisor writes to. */
export interface SupervisorLog {
  debug(msg: string): void
  info(msg: string): void
  warn(msg: string): void
  error(msg: string): void
}

export interface SupervisorOptions {
  /** Absolute path of the kamailio binary. */
  binary: string
  /** Renders and writes the config, returning its path; runs before every start. */
  prepare(): Promise<string>
  rpc: KamailioRpc
  /** Holds the pid file and Kamailio's runtime and working directory. */
  workDir: string
  log: SupervisorLog
  /** Wait before restart number 1, 2, …; the last one repeats. */
  restartDelaysMs?: readonly number[]
  /** After SIGTERM, how long until the whole process group is SIGKILLed. */
  stopTimeoutMs?: number
  sharedMemoryMb?: number
}

const DEFAULT_DELAYS = [250, 500, 1000, 2000, 5000, 10_000, 30_000]
/** A run this long counts as healthy: the next crash restarts quickly again. */
const HEALTHY_RUN_MS = 30_000
const KEEP_LINES = 300

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Where `name` runs from: a path as given, else the first match on PATH or the sbin folders. */
export async function findExecutable(name: string): Promise<string | undefined> {
  const candidates = name.includes('/')
    ? [path.resolve(name)]
    : [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin']
        .filter(Boolean)
        .map((dir) => path.join(dir, name))
  for (const file of candidates) {
    try {
      await access(file, constants.X_OK)
      return file
    } catch {
      // not there or not executable: next
    }
  }
  return undefined
}

/** Kamailio's stderr lines look like ` 3(1234) ERROR: <module> [file:line]: text`. */
function levelOf(line: string): keyof SupervisorLog {
  const level = /^\s*\d+\(\d+\)\s+([A-Z]+):/.exec(line)?.[1]
  if (level === 'DEBUG') return 'debug'
  if (level === 'WARNING') return 'warn'
  if (level && ['ERROR', 'CRITICAL', 'ALERT', 'BUG', 'EMERGENCY'].includes(level)) return 'error'
  return 'info'
}

/** Sends a signal to a whole process group; a group already gone is not an error. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

/**
 * Runs Kamailio as a child process and keeps it running: restarted with
 * backoff when it dies, stopped (SIGTERM, then SIGKILL) with the platform, its
 * output in the platform's log.
 *
 * Kamailio forks worker processes that outlive a SIGKILLed main process and
 * keep its ports, so it runs in its own process group and the whole group is
 * killed after the main process exits. Its own group also keeps a terminal's
 * Ctrl-C away from it: the platform stops it, in order. A pid file lets the
 * next start clear what a crashed platform left running.
 */
export class KamailioSupervisor {
  private child: ChildProcess | undefined
  private stopping = false
  private ready = false
  private failures = 0
  private startedAt = 0
  private restartTimer: NodeJS.Timeout | undefined
  private waiters = new Set<() => void>()
  private settleFirst: (() => void) | undefined
  private readonly lines: string[] = []
  private readonly pidFile: string
  private readonly onProcessExit = () => {
    // Last resort when Node exits without stop(): no orphaned Kamailio keeps the ports.
    if (this.child?.pid) signalGroup(this.child.pid, 'SIGKILL')
  }

  /** Times Kamailio was started again after dying. */
  restarts = 0
  /** Settles once the first start is ready, or has failed. */
  readonly firstStart: Promise<void>

  constructor(private readonly opts: SupervisorOptions) {
    this.pidFile = path.join(opts.workDir, 'kamailio.pid')
    this.firstStart = new Promise((resolve) => (this.settleFirst = resolve))
  }

  /** The main Kamailio process, while one runs. */
  get pid(): number | undefined {
    return this.child?.pid
  }

  get isReady(): boolean {
    return this.ready
  }

  /** The last lines Kamailio printed, for diagnostics. */
  recentOutput(): string[] {
    return [...this.lines]
  }

  start(): void {
    process.on('exit', this.onProcessExit)
    void this.launch()
  }

  /** True once a running Kamailio answers RPC; false if none does within `timeoutMs`. */
  async waitReady(timeoutMs: number): Promise<boolean> {
    if (this.ready) return true
    let done!: () => void
    const readyNow = new Promise<boolean>((resolve) => (done = () => resolve(true)))
    this.waiters.add(done)
    const result = await Promise.race([readyNow, sleep(timeoutMs).then(() => false)])
    this.waiters.delete(done)
    return result
  }

  async stop(): Promise<void> {
    this.stopping = true
    clearTimeout(this.restartTimer)
    const child = this.child
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      // The main process stops its workers itself on SIGTERM.
      child.kill('SIGTERM')
      const timeout = this.opts.stopTimeoutMs ?? 5000
      if (!(await Promise.race([exited.then(() => true), sleep(timeout).then(() => false)]))) {
        this.opts.log.warn(`Kamailio did not stop within ${timeout} ms: killing it`)
        signalGroup(child.pid, 'SIGKILL')
        await exited
      }
    }
    process.off('exit', this.onProcessExit)
    this.settleFirst?.()
  }

  private async launch(): Promise<void> {
    if (this.stopping) return
    const { log } = this.opts
    try {
      await this.clearLeftover()
      const configFile = await this.opts.prepare()
      const runDir = path.join(this.opts.workDir, 'run')
      await mkdir(runDir, { recursive: true })
      if (this.stopping) return
      const args = ['-DD', '-E', '-f', configFile, '-Y', runDir, '-w', this.opts.workDir]
      args.push('-m', String(this.opts.sharedMemoryMb ?? 256), '-M', '16')
      const child = spawn(this.opts.binary, args, {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      this.child = child
      this.startedAt = Date.now()
      this.follow(child.stdout)
      this.follow(child.stderr)
      let gone = false
      const onGone = (why: string) => {
        if (gone) return
        gone = true
        this.exited(child, why)
      }
      child.once('error', (err) => onGone(`could not run: ${err.message}`))
      child.once('exit', (code, signal) => onGone(signal ? `killed by ${signal}` : `exit ${code}`))
      if (child.pid) await writeFile(this.pidFile, `${child.pid}\n`)
      log.info(`Kamailio started (pid ${child.pid ?? '?'}, config ${configFile})`)
      void this.pollReady(child)
    } catch (err) {
      log.error(`Kamailio not started: ${err instanceof Error ? err.message : String(err)}`)
      this.settleFirst?.()
      this.scheduleRestart()
    }
  }

  private follow(stream: Readable | null): void {
    if (!stream) return
    readline.createInterface({ input: stream }).on('line', (line) => {
      this.lines.push(line)
      if (this.lines.length > KEEP_LINES) this.lines.shift()
      this.opts.log[levelOf(line)](line.trim())
    })
  }

  /** Ready once the RPC listener answers: it is opened with, and after, the SIP ones. */
  private async pollReady(child: ChildProcess): Promise<void> {
    while (this.child === child && !this.stopping) {
      try {
        const version = await this.opts.rpc.call<string>('core.version')
        if (this.child !== child) return
        this.ready = true
        this.opts.log.info(`Kamailio ready: ${version.trim()}`)
        for (const waiter of this.waiters) waiter()
        this.settleFirst?.()
        return
      } catch {
        await sleep(100)
      }
    }
  }

  private exited(child: ChildProcess, why: string): void {
    if (child.pid) signalGroup(child.pid, 'SIGKILL') // its workers, which outlive it
    if (this.child !== child) return
    this.child = undefined
    this.ready = false
    void rm(this.pidFile, { force: true })
    if (this.stopping) {
      this.opts.log.info(`Kamailio stopped (${why})`)
      return
    }
    this.settleFirst?.()
    this.opts.log.error(`Kamailio died (${why})`)
    this.scheduleRestart()
  }

  private scheduleRestart(): void {
    if (this.stopping) return
    if (this.startedAt && Date.now() - this.startedAt > HEALTHY_RUN_MS) this.failures = 0
    const delays = this.opts.restartDelaysMs ?? DEFAULT_DELAYS
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 1000
    this.failures++
    this.opts.log.warn(`restarting Kamailio in ${delay} ms`)
    this.restartTimer = setTimeout(() => {
      this.restarts++
      void this.launch()
    }, delay)
  }

  /**
   * A Kamailio left by a platform that was killed outright still holds the
   * ports. Its group is killed if it still runs this config (Linux: /proc
   * tells; elsewhere the pid file is only removed).
   */
  private async clearLeftover(): Promise<void> {
    const pid = Number((await readFile(this.pidFile, 'utf8').catch(() => '')).trim())
    if (!Number.isInteger(pid) || pid <= 1) return
    const ours = processGroupRuns(pid, path.join(this.opts.workDir, 'kamailio.cfg'))
    if (ours) {
      this.opts.log.warn(`stopping a Kamailio left running by an earlier start (pid ${pid})`)
      signalGroup(pid, 'SIGKILL')
      for (let i = 0; i < 40 && processGroupRuns(pid, ''); i++) await sleep(50)
    }
    await rm(this.pidFile, { force: true })
  }
}

/** Linux: whether a live process of group `pgid` has `needle` on its command line. */
function processGroupRuns(pgid: number, needle: string): boolean {
  if (process.platform !== 'linux') return false
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the ")" closing the command name: state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== pgid || fields[0] === 'Z') continue
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')
      if (cmdline.includes(needle)) return true
    } catch {
      // the process ended while we looked
    }
  }
  return false
}
