import type { PreloadApi } from '@shared/ipc/contract'

declare global {
  interface Window {
    /** What electron/preload/index.ts exposes; absent in a plain browser. Use `bridge`, not this. */
    readonly phoneSystems?: PreloadApi
  }
}
