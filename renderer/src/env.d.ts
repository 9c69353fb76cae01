/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/**
 * What electron/preload/index.ts exposes. Absent in a plain browser, so callers must
 * check before use. Mirrors the preload's type until both import it from shared/.
 */
interface PhoneSystemsBridge {
  readonly platform: string
  readonly versions: { readonly electron: string; readonly chrome: string; readonly node: string }
}

interface Window {
  readonly phoneSystems?: PhoneSystemsBridge
}
