import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BridgeError, electronBridge } from '../../renderer/src/bridge/electron-bridge'
import { browserName } from '../../renderer/src/bridge/browser-identity'
import { webBridge } from '../../renderer/src/bridge/web-bridge'
import { readStored, writeStored } from '../../renderer/src/softphone/storage'
import type { InvokeChannel, IpcResult, PreloadApi } from '@shared/ipc/contract'

const DEVICE_ID_KEY = 'phone-systems.device-id'
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const MACHINE_ID = '6f1c2a8e-5b7d-4c3e-9a1f-0d2e3c4b5a69'

beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

/** A preload whose main answers from `answers`, recording every invoke. */
function fakePreload(answers: Partial<Record<InvokeChannel, IpcResult<unknown>>>) {
  const calls: { channel: string; request: unknown }[] = []
  const listeners = new Map<string, (payload: unknown) => void>()
  const api: PreloadApi = {
    platform: 'linux',
    invoke(channel, request) {
      calls.push({ channel, request })
      return Promise.resolve(
        (answers[channel] ?? { ok: true, value: undefined }) as IpcResult<never>,
      )
    },
    on(channel, listener) {
      listeners.set(channel, listener)
      return () => listeners.delete(channel)
    },
  }
  return {
    api,
    calls,
    emit: (channel: string, payload: unknown) => listeners.get(channel)?.(payload),
  }
}

const identity = {
  ok: true,
  value: { id: MACHINE_ID, name: 'anna-laptop (Linux)', platform: 'linux' },
} as const

describe('web bridge', () => {
  it('device id: a v4 UUID, the same on every call and after a restart', () => {
    const id = webBridge().identity().id
    expect(id).toMatch(UUID_V4)
    expect(webBridge().identity().id).toBe(id)
    expect(readStored(DEVICE_ID_KEY, (v): v is string => typeof v === 'string')).toBe(id)
  })

  it('outside a secure context (no randomUUID) the id is still a v4 UUID', () => {
    const webCrypto = globalThis.crypto
    vi.stubGlobal('crypto', { getRandomValues: webCrypto.getRandomValues.bind(webCrypto) })
    expect(webBridge().identity().id).toMatch(UUID_V4)
  })

  it('a stored id too short to be one is replaced', () => {
    writeStored(DEVICE_ID_KEY, 'abc')
    expect(webBridge().identity().id).toMatch(UUID_V4)
  })

  it('keeps the activation in localStorage under the key earlier versions used', () => {
    const bridge = webBridge()
    bridge.vault.write({ deviceToken: 't' })
    expect(localStorage.getItem('phone-systems.session')).toBe('{"deviceToken":"t"}')
    expect(webBridge().vault.read()).toEqual({ deviceToken: 't' })
    bridge.vault.clear()
    expect(webBridge().vault.read()).toBeNull()
  })

  it('has no OS integration to offer', async () => {
    const bridge = webBridge()
    expect(bridge.preferences).toBeNull()
    expect(bridge.updates).toBeNull()
    expect(bridge.admin).toBeNull()
    expect(await bridge.permissions.mediaStatus('microphone')).toBe('unknown')
    expect(await bridge.permissions.openSettings('microphone')).toBe(false)
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
  ])('device name in a browser: %s is %s', (userAgent, name) => {
    expect(browserName(userAgent)).toBe(name)
  })
})

describe('Electron bridge', () => {
  it('start() loads the identity and the kept activation; both then read synchronously', async () => {
    const { api } = fakePreload({
      'device:identity': identity,
      'secrets:read': { ok: true, value: '{"deviceToken":"t"}' },
    })
    const bridge = electronBridge(api)
    expect(() => bridge.identity()).toThrow(BridgeError)
    await bridge.start()
    expect(bridge.identity()).toEqual(identity.value)
    expect(bridge.vault.read()).toEqual({ deviceToken: 't' })
  })

  it('never touches localStorage for the activation', async () => {
    const { api, calls } = fakePreload({
      'device:identity': identity,
      'secrets:read': { ok: true, value: null },
      'secrets:write': { ok: true, value: { persisted: true } },
    })
    const bridge = electronBridge(api)
    await bridge.start()
    bridge.vault.write({ deviceToken: 'secret' })
    expect(bridge.vault.read()).toEqual({ deviceToken: 'secret' })
    expect(calls.at(-1)).toEqual({
      channel: 'secrets:write',
      request: { key: 'session', value: '{"deviceToken":"secret"}' },
    })
    bridge.vault.clear()
    expect(calls.at(-1)).toEqual({ channel: 'secrets:delete', request: { key: 'session' } })
    expect(localStorage.length).toBe(0)
  })

  it('a failure in main is a BridgeError with main’s message', async () => {
    const { api } = fakePreload({
      'permissions:open-settings': {
        ok: false,
        error: 'permissions:open-settings: pane: Invalid option',
      },
    })
    await expect(electronBridge(api).permissions.openSettings('camera')).rejects.toThrow(
      'pane: Invalid option',
    )
  })

  it('an answer that does not match the contract is refused, not passed on', async () => {
    const { api } = fakePreload({ 'permissions:media-status': { ok: true, value: 'maybe' } })
    await expect(electronBridge(api).permissions.mediaStatus('camera')).rejects.toThrow(
      'unexpected answer',
    )
  })

  it('events are checked against the contract: a malformed one never reaches the listener', () => {
    const { api, emit } = fakePreload({})
    const reasons: string[] = []
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    electronBridge(api).onRecover((reason) => reasons.push(reason))
    emit('power:recover', { reason: 'resume' })
    emit('power:recover', { reason: 'rm -rf' })
    emit('power:recover', 'resume')
    expect(reasons).toEqual(['Resumed from sleep'])
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
