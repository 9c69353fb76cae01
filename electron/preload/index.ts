import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '@shared/ipc/channels'
import type { PreloadApi } from '@shared/ipc/contract'

/**
 * The renderer's whole way to the OS: the channels of shared/ipc/contract.ts
 * and nothing else. `ipcRenderer` itself never crosses, so a compromised page
 * cannot send on a channel main did not define, and listeners get the payload
 * only, never the IPC event (whose `sender` would leak `ipcRenderer`).
 * Sandboxed preloads can use no Node modules; the channel lists are bundled
 * in (electron.vite.config.ts), and the schemas stay out: main checks every
 * request and the renderer's bridge every answer.
 */
const invokeChannels = new Set<string>(INVOKE_CHANNELS)
const eventChannels = new Set<string>(EVENT_CHANNELS)

const api: PreloadApi = {
  invoke(channel, request) {
    if (!invokeChannels.has(channel))
      return Promise.resolve({ ok: false, error: `No channel ${String(channel)}` })
    // Main answers every contract channel with a result; a rejection means no handler
    // is registered (yet), which the caller sees as a failed result like any other.
    return ipcRenderer
      .invoke(channel, request)
      .catch((err: unknown) => ({ ok: false, error: String(err) })) as never
  },
  on(channel, listener) {
    if (!eventChannels.has(channel)) throw new Error(`No event ${String(channel)}`)
    const forward = (_event: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => void ipcRenderer.removeListener(channel, forward)
  },
  platform: process.platform,
}

contextBridge.exposeInMainWorld('phoneSystems', api)
