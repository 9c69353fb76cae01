import { bridge } from '../bridge'

/**
 * This installation's id, sent at activation (the platform keeps only its
 * hash) and used as the SIP instance id: in Electron derived from the
 * computer's machine id (main hashes it; the raw id never leaves main), in a
 * browser random and kept in localStorage. Either way it outlives
 * `Sign out`, so activating again replaces this device's old entry instead
 * of adding one.
 */
export function deviceId(): string {
  return bridge.identity().id
}

/** What the platform records as this device's platform: the OS in Electron, `web` in a browser. */
export function devicePlatform(): string {
  return bridge.identity().platform
}

/** A name the admin recognises in the user's device list: the computer's, or e.g. "Chrome on Linux". */
export function deviceName(): string {
  return bridge.identity().name
}
