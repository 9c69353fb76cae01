import { contextBridge } from 'electron'
import { PLATFORM_URL_SWITCH, type PhoneSystemsBridge } from '@shared/bridge'

/**
 * The whole API the renderer gets from the OS side. Sandboxed preloads can only use a
 * small `process` subset and no Node modules, so everything here is plain data or a
 * narrow function; never expose `ipcRenderer` itself.
 */
const platformArg = process.argv.find((arg) => arg.startsWith(PLATFORM_URL_SWITCH))

const bridge: PhoneSystemsBridge = {
  platform: process.platform,
  versions: {
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
  },
  platformUrl: platformArg ? platformArg.slice(PLATFORM_URL_SWITCH.length) : null,
}

contextBridge.exposeInMainWorld('phoneSystems', bridge)
