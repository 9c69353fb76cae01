import { describe, expect, it } from 'vitest'
import type { Session } from 'electron'
import {
  isPermitted,
  PERMISSION_POLICY,
  type PermissionAsk,
} from '../../electron/main/permissions/policy'
import { applyPermissionPolicy } from '../../electron/main/permissions/session-handlers'
import { originOf } from '../../electron/main/url-origin'

const APP = 'app://phone.systems'

const ask = (over: Partial<PermissionAsk>): PermissionAsk => ({
  permission: 'media',
  origin: APP,
  url: `${APP}/`,
  isMainFrame: true,
  media: ['audio'],
  ...over,
})

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0]
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0]
type DeviceHandler = Parameters<Session['setDevicePermissionHandler']>[0]

/** A Session that only records the handlers it is given. */
function fakeSession() {
  const handlers: { request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler } = {}
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => void (handlers.request = h),
    setPermissionCheckHandler: (h: CheckHandler) => void (handlers.check = h),
    setDevicePermissionHandler: (h: DeviceHandler) => void (handlers.device = h),
  }
  applyPermissionPolicy(session as unknown as Session, APP)
  const request = (
    permission: string,
    url: string,
    mediaTypes?: ('audio' | 'video')[],
    isMainFrame = true,
  ) =>
    new Promise<boolean>((resolve) =>
      handlers.request!(null as never, permission as never, resolve, {
        requestingUrl: url,
        isMainFrame,
        ...(mediaTypes ? { mediaTypes } : {}),
      } as never),
    )
  const check = (
    permission: string,
    url: string,
    mediaType?: 'audio' | 'video',
    isMainFrame = true,
  ) =>
    handlers.check!(null, permission as never, originOf(url) ?? '', {
      requestingUrl: url,
      isMainFrame,
      ...(mediaType ? { mediaType } : {}),
    })
  return { handlers, request, check }
}

describe('permissions policy (electron/main/permissions)', () => {
  it('grants the app its microphone, notifications, speaker choice and clipboard', () => {
    expect(isPermitted(ask({}), APP)).toBe(true)
    for (const permission of [
      'notifications',
      'speaker-selection',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      expect(isPermitted(ask({ permission, media: [] }), APP), permission).toBe(true)
    }
  })

  it('grants the camera only on Scan QR code', () => {
    expect(isPermitted(ask({ media: ['video'], url: `${APP}/scan` }), APP)).toBe(true)
    expect(isPermitted(ask({ media: ['audio', 'video'], url: `${APP}/scan` }), APP)).toBe(true)
    for (const url of [`${APP}/`, `${APP}/settings`, `${APP}/admin`, `${APP}/scanner`, undefined]) {
      expect(isPermitted(ask({ media: ['video'], url }), APP), String(url)).toBe(false)
      expect(isPermitted(ask({ media: ['audio', 'video'], url }), APP), String(url)).toBe(false)
    }
  })

  it('denies everything not in the table, and all of it to other origins and to frames', () => {
    for (const permission of [
      'geolocation',
      'midi',
      'display-capture',
      'openExternal',
      'fullscreen',
      'hid',
      'usb',
      'unknown',
    ]) {
      expect(PERMISSION_POLICY[permission]).toBeUndefined()
      expect(isPermitted(ask({ permission, media: [] }), APP), permission).toBe(false)
    }
    for (const origin of ['https://evil.example', 'app://phone.systems.evil', 'null', '']) {
      expect(isPermitted(ask({ origin }), APP), origin).toBe(false)
      expect(isPermitted(ask({ origin, permission: 'notifications' }), APP), origin).toBe(false)
    }
    expect(isPermitted(ask({ isMainFrame: false }), APP)).toBe(false)
    expect(isPermitted(ask({ media: [] }), APP)).toBe(false)
  })

  it('answers checks as it answers requests, so navigator.permissions tells the truth', async () => {
    const { request, check } = fakeSession()
    const cases: [string, string, 'audio' | 'video' | undefined][] = [
      ['media', `${APP}/`, 'audio'],
      ['media', `${APP}/`, 'video'],
      ['media', `${APP}/scan`, 'video'],
      ['media', 'https://evil.example/', 'audio'],
      ['notifications', `${APP}/`, undefined],
      ['notifications', 'https://evil.example/', undefined],
      ['clipboard-read', `${APP}/code`, undefined],
      ['geolocation', `${APP}/`, undefined],
    ]
    for (const [permission, url, kind] of cases) {
      const granted = await request(permission, url, kind ? [kind] : undefined)
      expect(check(permission, url, kind), `${permission} ${url} ${kind}`).toBe(granted)
    }
    expect(await request('media', `${APP}/`, ['audio'])).toBe(true)
    expect(await request('media', `${APP}/`, ['audio'], false)).toBe(false)
    expect(check('media', `${APP}/`, 'audio', false)).toBe(false)
  })

  it('never grants a device (USB, HID, serial)', () => {
    const { handlers } = fakeSession()
    expect(handlers.device!({ deviceType: 'usb', origin: APP } as never)).toBe(false)
  })
})

describe('originOf', () => {
  it('names custom-scheme origins, which WHATWG URL calls "null"', () => {
    expect(new URL('app://phone.systems/scan').origin).toBe('null')
    expect(originOf('app://phone.systems/scan')).toBe('app://phone.systems')
    expect(originOf('evil://phone.systems/')).toBe('evil://phone.systems')
    expect(originOf('http://127.0.0.1:8780/x')).toBe('http://127.0.0.1:8780')
    expect(originOf('about:blank')).toBeUndefined()
    expect(originOf('data:text/html,hi')).toBeUndefined()
    expect(originOf('not a url')).toBeUndefined()
  })
})
