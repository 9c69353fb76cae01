import type { Preferences } from '@shared/ipc/contract'
import type { DesktopStateFile } from './desktop-state'
import type { PreferenceStore } from './ipc/handlers'
import type { LoginItem } from './login-item'

/**
 * Settings' desktop switches. `Start at login` is read back from the OS
 * (login items, the autostart entry) rather than remembered, so a switch
 * turned off in Task Manager or System Settings reads as off here too.
 */
export function preferenceStore(loginItem: LoginItem, state: DesktopStateFile): PreferenceStore {
  async function read(): Promise<Preferences> {
    return {
      startAtLogin: await loginItem.isEnabled(),
      hideToTrayOnClose: state.read().hideToTrayOnClose,
    }
  }
  return {
    read,
    async write(patch) {
      if (patch.startAtLogin !== undefined) await loginItem.setEnabled(patch.startAtLogin)
      if (patch.hideToTrayOnClose !== undefined)
        state.update({ hideToTrayOnClose: patch.hideToTrayOnClose })
      return read()
    },
  }
}
