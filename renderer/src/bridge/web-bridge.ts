import { readStored, removeStored, writeStored } from '../softphone/storage'
import type { Bridge, DeviceIdentity } from './types'
import { browserName, randomUuid } from './browser-identity'

/** The session store checks the shape; the vault only keeps it. */
const anything = (_value: unknown): _value is unknown => true
const DEVICE_ID_KEY = 'phone-systems.device-id'
export const SESSION_KEY = 'phone-systems.session'

/**
 * The browser build: the activation stays in localStorage (the page's origin
 * is its boundary), the device id is random and kept there too, and what only
 * an installed app can do (tray, login items, OS settings) is absent.
 */
export function webBridge(): Bridge {
  const none = () => () => undefined
  return {
    kind: 'web',
    start: () => Promise.resolve(),
    identity: (): DeviceIdentity => ({ id: webDeviceId(), name: browserName(), platform: 'web' }),
    vault: {
      read: () => readStored(SESSION_KEY, anything) ?? null,
      write: (value) => writeStored(SESSION_KEY, value),
      clear: () => removeStored(SESSION_KEY),
      status: () => Promise.resolve(null),
    },
    permissions: {
      mediaStatus: () => Promise.resolve('unknown'),
      askMedia: () => Promise.resolve('unknown'),
      openSettings: () => Promise.resolve(false),
    },
    phone: {
      reportStatus: () => undefined,
      incoming: () => undefined,
      settled: () => undefined,
      callActive: () => undefined,
      onCallAction: none,
      act: () => undefined,
      onDoNotDisturb: none,
    },
    onNavigate: none,
    onRecover: none,
    preferences: null,
    updates: null,
    admin: null,
  }
}

/** Random, kept in localStorage; it outlives `Sign out`, so activating again replaces this device's entry. */
function webDeviceId(): string {
  const stored = readStored(
    DEVICE_ID_KEY,
    (v): v is string => typeof v === 'string' && v.length >= 8,
  )
  if (stored) return stored
  const id = randomUuid()
  writeStored(DEVICE_ID_KEY, id)
  return id
}
