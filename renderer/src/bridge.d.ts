import type { PhoneSystemsBridge } from '@shared/bridge'

declare global {
  interface Window {
    /** What electron/preload/index.ts exposes; absent in a plain browser. */
    readonly phoneSystems?: PhoneSystemsBridge
  }
}
