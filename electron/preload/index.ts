import { contextBridge } from 'electron'

/**
 * The whole API the renderer gets from the OS side. Sandboxed preloads can only use a
 * small `process` subset and no Node modules, so everything here is plain data or a
 * narrow function; never expose `ipcRenderer` itself.
 *
 * The renderer declares the same shape in renderer/src/env.d.ts because it may not
 * import from electron/; move this type into shared/ once the IPC contracts live there.
 */
const bridge = {
  platform: process.platform,
  versions: {
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  },
}

export type PhoneSystemsBridge = typeof bridge

contextBridge.exposeInMainWorld('phoneSystems', bridge)
