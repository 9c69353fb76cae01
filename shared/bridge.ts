/**
 * What the Electron preload exposes to the renderer as `window.phoneSystems`.
 * Absent in a plain browser: the renderer then uses same-origin HTTP.
 */
export interface PhoneSystemsBridge {
  platform: string
  versions: { electron: string; chrome: string; node: string }
  /** The embedded platform's address (admin mode), when the app runs one. */
  platformUrl: string | null
}

/** The command-line switch main uses to hand the embedded platform's URL to the preload. */
export const PLATFORM_URL_SWITCH = '--phone-systems-platform-url='
