import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { updateFeedUrl } from '../../electron/main/updates/feed-url'
import {
  CALL_IN_PROGRESS,
  CHECK_INTERVAL_MS,
  NOTHING_TO_INSTALL,
  createUpdateManager,
  type UpdateManagerDeps,
  type UpdateState,
  type Updater,
} from '../../electron/main/updates/update-manager'

const FEED = 'https://updates.example.com/desktop'

/**
 * electron-updater's `autoUpdater` imitated: an EventEmitter with its events, and
 * methods that record their calls. Each check and download is answered by the test,
 * with the events electron-updater would emit.
 */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = true
  autoInstallOnAppQuit = false
  feeds: unknown[] = []
  checks = 0
  downloads = 0
  installs: unknown[][] = []
  nextCheck: () => Promise<unknown> = () => Promise.resolve(null)
  nextDownload: () => Promise<unknown> = () => Promise.resolve([])

  setFeedURL(options: unknown) {
    this.feeds.push(options)
  }
  checkForUpdates() {
    this.checks++
    return this.nextCheck()
  }
  downloadUpdate() {
    this.downloads++
    return this.nextDownload()
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args)
  }

  /** A check that finds `version`, as electron-updater reports it. */
  offer(version: string) {
    this.nextCheck = async () => {
      this.emit('checking-for-update')
      this.emit('update-available', { version })
      return { updateInfo: { version } }
    }
  }
  /** A check that finds nothing newer. */
  upToDate() {
    this.nextCheck = async () => {
      this.emit('checking-for-update')
      this.emit('update-not-available', { version: '0.1.0' })
      return null
    }
  }
  /** A check that cannot reach the feed: `error` event and a rejected promise. */
  unreachable() {
    this.nextCheck = async () => {
      this.emit('checking-for-update')
      const err = new Error('net::ERR_CONNECTION_REFUSED\nat the feed')
      this.emit('error', err)
      throw err
    }
  }
}

/** setInterval/clearInterval with time the test moves on. */
class FakeTimers {
  now = 0
  private next = 1
  readonly intervals = new Map<number, { callback: () => void; ms: number; due: number }>()
  setInterval = (callback: () => void, ms: number) => {
    const id = this.next++
    this.intervals.set(id, { callback, ms, due: this.now + ms })
    return id
  }
  clearInterval = (handle: unknown) => {
    this.intervals.delete(handle as number)
  }
  advance(ms: number) {
    const end = this.now + ms
    for (;;) {
      const due = [...this.intervals.values()].filter((t) => t.due <= end)
      if (!due.length) break
      const first = due.reduce((a, b) => (a.due <= b.due ? a : b))
      this.now = first.due
      first.due += first.ms
      first.callback()
    }
    this.now = end
  }
}

/** Lets the fake's promises and their handlers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function setup(overrides: Partial<UpdateManagerDeps> = {}) {
  const updater = new FakeUpdater()
  const timers = new FakeTimers()
  const logged: string[] = []
  let callActive = false
  const deps: UpdateManagerDeps = {
    updater,
    feedUrl: FEED,
    isCallActive: () => callActive,
    timers,
    log: { info: (m) => logged.push(m), warn: (m) => logged.push(m) },
    ...overrides,
  }
  return {
    updater,
    timers,
    logged,
    setCall: (active: boolean) => void (callActive = active),
    start: () => {
      const manager = createUpdateManager(deps)
      const states: UpdateState[] = []
      manager.onChange((s) => states.push(s))
      manager.start()
      return { manager, states }
    },
  }
}

describe('update manager (electron/main/updates/update-manager.ts), with a fake updater', () => {
  it('is off without a feed: no feed set, no check, no timer, ever', async () => {
    const t = setup({ feedUrl: undefined })
    const { manager } = t.start()
    t.timers.advance(3 * CHECK_INTERVAL_MS)
    await settle()
    expect(manager.state()).toEqual({ status: 'off' })
    expect(t.updater.feeds).toEqual([])
    expect(t.updater.checks).toBe(0)
    expect(t.timers.intervals.size).toBe(0)
    manager.check()
    expect(t.updater.checks).toBe(0)
    expect(manager.restartToUpdate()).toEqual({ ok: false, reason: NOTHING_TO_INSTALL })
    expect(t.updater.installs).toEqual([])
  })

  it('sets the generic feed, installs on quit, downloads itself, and checks at start', async () => {
    const t = setup()
    t.updater.upToDate()
    const { manager } = t.start()
    expect(t.updater.feeds).toEqual([{ provider: 'generic', url: FEED }])
    expect(t.updater.autoInstallOnAppQuit).toBe(true)
    expect(t.updater.autoDownload).toBe(false)
    expect(t.updater.checks).toBe(1)
    await settle()
    expect(manager.state()).toEqual({ status: 'idle' })
  })

  it('checks again every 24 hours', async () => {
    const t = setup()
    t.updater.upToDate()
    t.start()
    await settle()
    t.timers.advance(CHECK_INTERVAL_MS - 1)
    expect(t.updater.checks).toBe(1)
    t.timers.advance(1)
    await settle()
    expect(t.updater.checks).toBe(2)
    t.timers.advance(CHECK_INTERVAL_MS)
    await settle()
    expect(t.updater.checks).toBe(3)
  })

  it('downloads a new version in the background and is then ready with it', async () => {
    const t = setup()
    let finishDownload = () => {}
    t.updater.offer('0.2.0')
    t.updater.nextDownload = () =>
      new Promise((resolve) => {
        finishDownload = () => {
          t.updater.emit('update-downloaded', { version: '0.2.0' })
          resolve(['/tmp/update'])
        }
      })
    const { manager, states } = t.start()
    await settle()
    expect(t.updater.downloads).toBe(1)
    t.updater.emit('download-progress', { percent: 42.5 })
    expect(manager.state()).toEqual({ status: 'downloading', version: '0.2.0', percent: 42.5 })
    finishDownload()
    await settle()
    expect(manager.state()).toEqual({ status: 'ready', version: '0.2.0' })
    expect(states.map((s) => s.status)).toEqual(['checking', 'downloading', 'downloading', 'ready'])
    // Nothing restarts by itself, and a ready update is not checked over.
    t.timers.advance(2 * CHECK_INTERVAL_MS)
    await settle()
    expect(t.updater.installs).toEqual([])
    expect(t.updater.checks).toBe(1)
  })

  it('refuses to restart during a call and keeps the update ready; installs once it ended', async () => {
    const t = setup()
    t.updater.offer('0.2.0')
    t.updater.nextDownload = async () => {
      t.updater.emit('update-downloaded', { version: '0.2.0' })
      return []
    }
    const { manager } = t.start()
    await settle()
    t.setCall(true)
    expect(manager.restartToUpdate()).toEqual({ ok: false, reason: CALL_IN_PROGRESS })
    expect(t.updater.installs).toEqual([])
    expect(manager.state()).toEqual({ status: 'ready', version: '0.2.0' })
    t.setCall(false)
    expect(manager.restartToUpdate()).toEqual({ ok: true })
    expect(t.updater.installs).toEqual([[false, true]])
  })

  it('refuses to restart with nothing downloaded', async () => {
    const t = setup()
    t.updater.upToDate()
    const { manager } = t.start()
    await settle()
    expect(manager.restartToUpdate()).toEqual({ ok: false, reason: NOTHING_TO_INSTALL })
    expect(t.updater.installs).toEqual([])
  })

  it('turns an unreachable feed into the error state, without throwing, and retries the next day', async () => {
    const t = setup()
    t.updater.unreachable()
    const { manager } = t.start()
    await settle()
    expect(manager.state()).toEqual({ status: 'error', message: 'net::ERR_CONNECTION_REFUSED' })
    expect(t.logged.some((line) => line.includes('ERR_CONNECTION_REFUSED'))).toBe(true)
    t.updater.upToDate()
    t.timers.advance(CHECK_INTERVAL_MS)
    await settle()
    expect(t.updater.checks).toBe(2)
    expect(manager.state()).toEqual({ status: 'idle' })
  })

  it('turns a failed download and a throwing updater into the error state', async () => {
    const t = setup()
    t.updater.offer('0.2.0')
    t.updater.nextDownload = () => Promise.reject(new Error('sha512 checksum mismatch'))
    const { manager } = t.start()
    await settle()
    expect(manager.state()).toEqual({ status: 'error', message: 'sha512 checksum mismatch' })

    t.updater.checkForUpdates = () => {
      throw new Error('updater broken')
    }
    manager.check()
    expect(manager.state()).toEqual({ status: 'error', message: 'updater broken' })
  })

  it('never checks when the feed cannot be set', async () => {
    const t = setup()
    t.updater.setFeedURL = () => {
      throw new Error('bad feed')
    }
    const { manager } = t.start()
    t.timers.advance(CHECK_INTERVAL_MS)
    await settle()
    expect(t.updater.checks).toBe(0)
    expect(manager.state()).toEqual({ status: 'error', message: 'bad feed' })
  })

  it('does not start a second check while one is under way', async () => {
    const t = setup()
    t.updater.nextCheck = () => {
      t.updater.emit('checking-for-update')
      return new Promise(() => {})
    }
    const { manager } = t.start()
    manager.check()
    t.timers.advance(CHECK_INTERVAL_MS)
    expect(t.updater.checks).toBe(1)
  })

  it('dispose clears the daily timer and stops notifying', async () => {
    const t = setup()
    t.updater.upToDate()
    const { manager, states } = t.start()
    await settle()
    expect(t.timers.intervals.size).toBe(1)
    manager.dispose()
    expect(t.timers.intervals.size).toBe(0)
    t.timers.advance(3 * CHECK_INTERVAL_MS)
    t.updater.emit('update-available', { version: '0.3.0' })
    expect(t.updater.checks).toBe(1)
    expect(states.map((s) => s.status)).toEqual(['checking', 'idle'])
  })
})

describe('update feed URL (electron/main/updates/feed-url.ts)', () => {
  const installerFile =
    'provider: generic\nurl: https://dl.example.com/app/\nupdaterCacheDirName: x\n'
  const warnings: string[] = []
  const warn = (m: string) => void warnings.push(m)

  it('takes PHONE_SYSTEMS_UPDATE_URL first, then the installer’s app-update.yml, else none', () => {
    expect(updateFeedUrl({ PHONE_SYSTEMS_UPDATE_URL: `${FEED}/` }, installerFile, warn)).toBe(FEED)
    expect(updateFeedUrl({}, installerFile, warn)).toBe('https://dl.example.com/app')
    expect(updateFeedUrl({}, "provider: generic\nurl: 'https://q.example.com'\n", warn)).toBe(
      'https://q.example.com',
    )
    expect(updateFeedUrl({ PHONE_SYSTEMS_UPDATE_URL: '' }, undefined, warn)).toBeUndefined()
    expect(updateFeedUrl({}, 'provider: github\n', warn)).toBeUndefined()
    expect(warnings).toEqual([])
  })

  it('warns about a value that is not an http(s) URL and turns updates off', () => {
    expect(updateFeedUrl({ PHONE_SYSTEMS_UPDATE_URL: 'file:///srv' }, installerFile, warn)).toBe(
      undefined,
    )
    expect(warnings).toEqual([
      'PHONE_SYSTEMS_UPDATE_URL: must be an http:// or https:// URL; update checks are off',
    ])
  })
})
