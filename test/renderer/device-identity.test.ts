import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deviceId, deviceName, devicePlatform } from '../../renderer/src/softphone/device-identity'
import { readStored, writeStored } from '../../renderer/src/softphone/storage'
import type { PhoneSystemsBridge } from '@shared/bridge'

const DEVICE_ID_KEY = 'phone-systems.device-id'
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function withBridge(bridge: Partial<PhoneSystemsBridge>): void {
  Object.defineProperty(window, 'phoneSystems', { value: bridge, configurable: true })
}

beforeEach(() => localStorage.clear())
afterEach(() => {
  Reflect.deleteProperty(window, 'phoneSystems')
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('deviceId', () => {
  it('is a v4 UUID, the same on every call and after a restart', () => {
    const id = deviceId()
    expect(id).toMatch(UUID_V4)
    expect(deviceId()).toBe(id)
    expect(readStored(DEVICE_ID_KEY, (v): v is string => typeof v === 'string')).toBe(id)
  })

  it('outside a secure context (no randomUUID) it is still a v4 UUID', () => {
    const webCrypto = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: webCrypto.getRandomValues.bind(webCrypto) })
    expect(deviceId()).toMatch(UUID_V4)
  })

  it('a stored id too short to be one is replaced', () => {
    writeStored(DEVICE_ID_KEY, 'abc')
    expect(deviceId()).toMatch(UUID_V4)
  })
})

describe('deviceName and devicePlatform', () => {
  it('in Electron: the app and the operating system', () => {
    withBridge({ platform: 'darwin' })
    expect(deviceName()).toBe('phone.systems desktop on macOS')
    expect(devicePlatform()).toBe('darwin')
    withBridge({ platform: 'freebsd' })
    expect(deviceName()).toBe('phone.systems desktop on freebsd')
  })

  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0',
      'Edge on Windows',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36',
      'Chrome on Linux',
    ],
    ['SomethingElse/1.0', 'Browser on unknown system'],
  ])('in a browser: %s is %s', (userAgent, name) => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent)
    expect(deviceName()).toBe(name)
    expect(devicePlatform()).toBe('web')
  })
})

describe('storage', () => {
  it('writing never throws: full or disabled storage only forgets', () => {
    vi.stubGlobal('localStorage', {
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      },
    })
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(() => writeStored('phone-systems.settings', { a: 1 })).not.toThrow()
    expect(console.warn).toHaveBeenCalled()
  })

  it('reading never throws: unavailable storage reads as absent', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new DOMException('Storage is disabled.', 'SecurityError')
      },
    })
    expect(
      readStored('phone-systems.settings', (value): value is unknown => value !== undefined),
    ).toBeUndefined()
  })
})
