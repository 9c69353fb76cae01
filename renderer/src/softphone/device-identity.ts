import { readStored, writeStored } from './storage'

const DEVICE_ID_KEY = 'phone-systems.device-id'

/**
 * This installation's id, sent at activation (the platform keeps only its
 * hash) and used as the SIP instance id. In a browser it is random and kept
 * in localStorage; Electron will hand the machine id through the bridge.
 * It outlives `Sign out`, so activating again replaces this device's old
 * entry instead of adding one.
 */
export function deviceId(): string {
  const stored = readStored(
    DEVICE_ID_KEY,
    (v): v is string => typeof v === 'string' && v.length >= 8,
  )
  if (stored) return stored
  const id = randomUuid()
  writeStored(DEVICE_ID_KEY, id)
  return id
}

/** RFC 4122 version 4: JsSIP formats the instance id as `urn:uuid:<id>`. */
function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // randomUUID exists only in secure contexts; a LAN http address is not one.
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const OS_NAMES: Record<string, string> = {
  darwin: 'macOS',
  win32: 'Windows',
  linux: 'Linux',
}

/** What the platform records as this device's platform: the OS in Electron, `web` in a browser. */
export function devicePlatform(): string {
  return window.phoneSystems?.platform ?? 'web'
}

/** A name the admin recognises in the user's device list, e.g. "Chrome on Linux". */
export function deviceName(): string {
  const bridge = window.phoneSystems
  if (bridge) return `phone.systems desktop on ${OS_NAMES[bridge.platform] ?? bridge.platform}`
  const ua = navigator.userAgent
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser'
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X|Macintosh/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Linux|X11/.test(ua)
          ? 'Linux'
          : 'unknown system'
  return `${browser} on ${os}`
}
