// electron-updater is CommonJS: Node's ESM loader finds no named `autoUpdater` export
// in it, so it is read from the default export. The getter behind `autoUpdater`
// creates the platform's updater on first use; reading it only inside each method
// means an app without a feed (the manager then calls none) never creates it.
import electronUpdater from 'electron-updater'
import type { Updater, UpdaterEvents } from './update-manager'

/** electron-updater's `autoUpdater` as update-manager.ts takes it. Only forwards; not unit-tested. */
export function electronAutoUpdater(): Updater {
  const au = () => electronUpdater.autoUpdater
  return {
    get autoDownload() {
      return au().autoDownload
    },
    set autoDownload(value) {
      au().autoDownload = value
    },
    get autoInstallOnAppQuit() {
      return au().autoInstallOnAppQuit
    },
    set autoInstallOnAppQuit(value) {
      au().autoInstallOnAppQuit = value
    },
    setFeedURL: (options) => au().setFeedURL(options),
    checkForUpdates: () => au().checkForUpdates(),
    downloadUpdate: () => au().downloadUpdate(),
    quitAndInstall: (isSilent, isForceRunAfter) => au().quitAndInstall(isSilent, isForceRunAfter),
    // Each listener takes a part of what electron-updater passes; TypeScript cannot
    // relate the two event maps through the generic key, hence the widening.
    on: <E extends keyof UpdaterEvents>(event: E, listener: UpdaterEvents[E]) =>
      au().on(event as 'error', listener as (...args: unknown[]) => void),
  }
}
