import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import lockfile from 'proper-lockfile'

/** A second platform was started on a data folder another one is using. */
export class AlreadyRunningError extends Error {
  constructor(readonly pid: number | undefined) {
    super(`phone.systems is already running with this data folder${pid ? ` (pid ${pid})` : ''}`)
    this.name = 'AlreadyRunningError'
  }
}

/**
 * proper-lockfile refreshes the lock's mtime every UPDATE_MS; a lock not
 * refreshed for STALE_MS belongs to a process that is gone (kill -9, power
 * loss) and is taken over. 5 s is the library's minimum.
 */
const STALE_MS = 5000
const UPDATE_MS = 1000

const LOCK_NAME = 'platform.lock'
const PID_NAME = 'platform.pid'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function recordedPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, PID_NAME), 'utf8').catch(() => '')
  const pid = Number.parseInt(text, 10)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

export interface InstanceLock {
  release(): Promise<void>
}

/**
 * Takes the data folder for this process, before anything in it is opened:
 * the database, the outbox and Kamailio's config and pid file are one
 * process's. The lock is proper-lockfile's (an atomic mkdir, kept fresh);
 * `platform.pid` next to it names the holder for the message.
 *
 * When the holder is alive this fails at once. When it is dead but its lock
 * is not yet stale (killed in the last few seconds) this waits for the lock
 * to go stale instead of failing: a supervisor restarting a killed platform
 * should simply succeed.
 */
export async function lockDataDir(
  dataDir: string,
  onCompromised: (err: Error) => void,
): Promise<InstanceLock> {
  const options = {
    lockfilePath: path.join(dataDir, LOCK_NAME),
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
    onCompromised,
  }
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(dataDir, options)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err
    const holder = await recordedPid(dataDir)
    if (holder === undefined || isAlive(holder)) throw new AlreadyRunningError(holder)
    try {
      release = await lockfile.lock(dataDir, {
        ...options,
        retries: { retries: Math.ceil(STALE_MS / 500) + 2, factor: 1, minTimeout: 500 },
      })
    } catch (retryErr) {
      if ((retryErr as NodeJS.ErrnoException).code !== 'ELOCKED') throw retryErr
      throw new AlreadyRunningError(await recordedPid(dataDir))
    }
  }
  const pidFile = path.join(dataDir, PID_NAME)
  await writeFile(pidFile, `${process.pid}\n`)
  return {
    async release() {
      await rm(pidFile, { force: true })
      await release()
    },
  }
}
