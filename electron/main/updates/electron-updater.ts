// electron-updater is CommonJS: Node's ESM loader finds no named `autoUpdater` export
// in it, so it is read from the default export. The getter behind `autoUpdater`
// creates the platform's updater on first use: call this only when there is a feed.
import electronUpdater from 'electron-updater'
import type { Updater, UpdaterEvents } from './update-manager'

/** electron-updater's `autoUpdater` as update-manager.ts takes it. Only forwards; not unit-tested. */
export function electronAutoUpdater(): Updater {
  const { autoUpdater } = electronUpdater
  return {
    get autoDownload() {
      return autoUpdater.autoDownload
    },
    set autoDownload(value) {
      autoUpdater.autoDownload = value
    },
    get autoInstallOnAppQuit() {
      return autoUpdater.autoInstallOnAppQuit
    },
    set autoInstallOnAppQuit(value) {
      autoUpdater.autoInstallOnAppQuit = value
    },
    setFeedURL: (options) => autoUpdater.setFeedURL(options),
    checkForUpdates: () => autoUpdater.checkForUpdates(),
    downloadUpdate: () => autoUpdater.downloadUpdate(),
    quitAndInstall: (isSilent, isForceRunAfter) =>
      autoUpdater.quitAndInstall(isSilent, isForceRunAfter),
    // Each listener takes a part of what electron-updater passes; TypeScript cannot
    // relate the two event maps through the generic key, hence the widening.
    on: <E extends keyof UpdaterEvents>(event: E, listener: UpdaterEvents[E]) =>
      autoUpdater.on(event as 'error', listener as (...args: unknown[]) => void),
  }
}
