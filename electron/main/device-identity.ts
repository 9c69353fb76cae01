import { createHash } from 'node:crypto'

export interface DeviceIdentity {
  id: string
  name: string
  platform: string
}

const OS_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' }

/**
 * This computer as the platform sees it. The id is derived from the OS
 * machine id (node-machine-id, which already hashes it) hashed once more with
 * this app's name, so it is the same on every activation of this computer
 * (re-activating replaces its device instead of adding one) but cannot be
 * matched with the id other apps derive. Formatted as a v4 UUID because it is
 * also the SIP instance id (`urn:uuid:`).
 */
export function deviceIdentity(deps: {
  machineId: () => string
  hostname: () => string
  platform: NodeJS.Platform
}): DeviceIdentity {
  const digest = createHash('sha256').update(`phone.systems:${deps.machineId()}`).digest()
  digest[6] = (digest[6]! & 0x0f) | 0x40
  digest[8] = (digest[8]! & 0x3f) | 0x80
  const hex = digest.subarray(0, 16).toString('hex')
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  const os = OS_NAMES[deps.platform] ?? deps.platform
  // Host names such as "annas-macbook.local" are what the admin recognises; trimmed
  // so a long one still fits the device list.
  const host = deps
    .hostname()
    .replace(/\.local$/i, '')
    .trim()
    .slice(0, 80)
  return {
    id,
    name: host ? `${host} (${os})` : `phone.systems desktop on ${os}`,
    platform: deps.platform,
  }
}
