/**
 * Background updates of the desktop app: a check at start and every 24 hours, the
 * download in the background, and the install when the user asks (`restartToUpdate`,
 * refused during a call) or when the app quits anyway (electron-updater's
 * `autoInstallOnAppQuit`). Nothing ever restarts the app on its own.
 *
 * Electron-free: electron-updater's `autoUpdater` comes in as `updater`
 * (electron-updater.ts adapts it), and the timers are injected, so the unit tests
 * (test/unit/electron-updates.test.ts) drive it with a fake updater and fake time.
 */

/** The part of electron-updater's `autoUpdater` this module uses. */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  setFeedURL(options: { provider: 'generic'; url: string }): void
  checkForUpdates(): Promise<unknown>
  downloadUpdate(): Promise<unknown>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on<E extends keyof UpdaterEvents>(event: E, listener: UpdaterEvents[E]): unknown
}

/** The events of electron-updater this module listens to, with what it reads of them. */
export interface UpdaterEvents {
  'checking-for-update': () => void
  'update-available': (info: { version: string }) => void
  'update-not-available': (info: { version: string }) => void
  'download-progress': (progress: { percent: number }) => void
  'update-downloaded': (info: { version: string }) => void
  error: (error: Error) => void
}

export type UpdateState =
  | { status: 'off' }
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'downloading'; version: string; percent: number | undefined }
  | { status: 'ready'; version: string }
  | { status: 'error'; message: string }

export type RestartResult = { ok: true } | { ok: false; reason: string }

export interface UpdateTimers {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export interface UpdateLog {
  info(message: string): void
  warn(message: string): void
}

export interface UpdateManagerDeps {
  updater: Updater
  /** The generic-provider feed (feed-url.ts); undefined: updates off, no check ever. */
  feedUrl: string | undefined
  /** True while a call is ringing, connected or on hold. */
  isCallActive(): boolean
  timers?: UpdateTimers
  log: UpdateLog
}

export interface UpdateManager {
  state(): UpdateState
  /** Called with each new state; returns the function that stops the calls. */
  onChange(listener: (state: UpdateState) => void): () => void
  /** The check at start and then every 24 hours; nothing when updates are off. */
  start(): void
  /** A check now, unless one is under way or an update is already downloaded. */
  check(): void
  /** Quits and installs the downloaded update, unless a call is active. */
  restartToUpdate(): RestartResult
  /** Stops the daily check and the state notifications. */
  dispose(): void
}

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000
export const CALL_IN_PROGRESS = 'A call is in progress'
export const NOTHING_TO_INSTALL = 'No update has been downloaded'

/** An error as one short line: electron-updater's can carry a whole HTTP response. */
function shortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  const line = text.split('\n', 1)[0]!.trim() || 'Update check failed'
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

export function createUpdateManager(deps: UpdateManagerDeps): UpdateManager {
  const { updater, log } = deps
  const timers = deps.timers ?? { setInterval, clearInterval }
  const listeners = new Set<(state: UpdateState) => void>()
  let current: UpdateState = { status: deps.feedUrl ? 'idle' : 'off' }
  let timer: unknown
  let disposed = false
  /** A feed is set: checks may run. */
  let usable = Boolean(deps.feedUrl)

  const set = (next: UpdateState) => {
    if (disposed) return
    current = next
    for (const listener of listeners) {
      try {
        listener(next)
      } catch (err) {
        log.warn(`update state listener failed: ${shortMessage(err)}`)
      }
    }
  }
  const fail = (err: unknown) => {
    const message = shortMessage(err)
    log.warn(`update: ${message}`)
    set({ status: 'error', message })
  }

  const manager: UpdateManager = {
    state: () => current,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    check() {
      const { status } = current
      if (disposed || !usable || status === 'ready') return
      if (status === 'checking' || status === 'downloading') return
      try {
        updater.checkForUpdates().catch(fail)
      } catch (err) {
        fail(err)
      }
    },
    start() {
      if (disposed || !usable || timer !== undefined) return
      manager.check()
      timer = timers.setInterval(() => manager.check(), CHECK_INTERVAL_MS)
    },
    restartToUpdate() {
      if (current.status !== 'ready') return { ok: false, reason: NOTHING_TO_INSTALL }
      if (deps.isCallActive()) return { ok: false, reason: CALL_IN_PROGRESS }
      try {
        log.info(`update: restarting to install ${current.version}`)
        // Not silent: Windows shows the installer's progress. The app starts again
        // afterwards through electron-updater's autoRunAppAfterInstall (on by default);
        // the second argument counts only for a silent install.
        updater.quitAndInstall(false, true)
        return { ok: true }
      } catch (err) {
        fail(err)
        return { ok: false, reason: shortMessage(err) }
      }
    },
    dispose() {
      disposed = true
      if (timer !== undefined) timers.clearInterval(timer)
      timer = undefined
      listeners.clear()
    },
  }

  if (!deps.feedUrl) {
    log.info('update: no feed (PHONE_SYSTEMS_UPDATE_URL), update checks are off')
    return manager
  }

  try {
    // Downloads are started here, on `update-available`, so their failure is caught.
    updater.autoDownload = false
    // A downloaded update installs when the app quits anyway: that restarts nothing.
    updater.autoInstallOnAppQuit = true
    updater.setFeedURL({ provider: 'generic', url: deps.feedUrl })
  } catch (err) {
    // No checks at all: without the feed set, one would use whatever electron-updater finds.
    usable = false
    fail(err)
    return manager
  }

  updater.on('checking-for-update', () => set({ status: 'checking' }))
  updater.on('update-not-available', () => set({ status: 'idle' }))
  updater.on('update-available', (info) => {
    log.info(`update: downloading ${info.version}`)
    set({ status: 'downloading', version: info.version, percent: undefined })
    try {
      updater.downloadUpdate().catch(fail)
    } catch (err) {
      fail(err)
    }
  })
  updater.on('download-progress', (progress) => {
    if (current.status !== 'downloading') return
    set({ ...current, percent: progress.percent })
  })
  updater.on('update-downloaded', (info) => {
    log.info(`update: ${info.version} downloaded, installs at restart`)
    set({ status: 'ready', version: info.version })
  })
  // Also keeps electron-updater's `error` from throwing for want of a listener.
  updater.on('error', (err) => fail(err))
  return manager
}
