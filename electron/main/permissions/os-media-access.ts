import type { Shell, SystemPreferences } from 'electron'
import type { MediaAccess, MediaKind, SettingsPane } from '@shared/ipc/contract'

/** The OS pages where a person turns access back on; fixed strings, never built from input. */
export const SETTINGS_URLS: Partial<Record<NodeJS.Platform, Record<SettingsPane, string>>> = {
  darwin: {
    microphone: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone',
    camera: 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera',
    notifications: 'x-apple.systempreferences:com.apple.preference.notifications',
  },
  win32: {
    microphone: 'ms-settings:privacy-microphone',
    camera: 'ms-settings:privacy-webcam',
    notifications: 'ms-settings:notifications',
  },
}

export interface OsMediaAccess {
  status(kind: MediaKind): MediaAccess
  ask(kind: MediaKind): Promise<MediaAccess>
  openSettings(pane: SettingsPane): Promise<boolean>
}

/**
 * The OS's own switch over microphone and camera, below Chromium's
 * permission: macOS's privacy consent (TCC) and Windows' privacy settings.
 * Chromium may say granted while the OS hands it silence; this is what lets
 * `Setup permissions` say which one blocks and offer `Open settings`. Linux
 * desktops have no such switch (portals aside), so they say `unknown`.
 */
export function osMediaAccess(deps: {
  systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'> &
    Partial<Pick<SystemPreferences, 'askForMediaAccess'>>
  shell: Pick<Shell, 'openExternal'>
  platform: NodeJS.Platform
}): OsMediaAccess {
  const { systemPreferences, shell, platform } = deps
  const hasSwitch = platform === 'darwin' || platform === 'win32'

  function status(kind: MediaKind): MediaAccess {
    return hasSwitch ? systemPreferences.getMediaAccessStatus(kind) : 'unknown'
  }

  return {
    status,
    async ask(kind) {
      // Only macOS asks; a second ask after a refusal shows nothing, so the status decides.
      if (
        platform === 'darwin' &&
        systemPreferences.askForMediaAccess &&
        status(kind) === 'not-determined'
      )
        await systemPreferences.askForMediaAccess(kind)
      return status(kind)
    },
    async openSettings(pane) {
      const url = SETTINGS_URLS[platform]?.[pane]
      if (!url) return false
      await shell.openExternal(url)
      return true
    },
  }
}
