import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UNREACHABLE } from '../../renderer/src/api/http'
import { MESSAGES } from '../../renderer/src/softphone/activation-input'
import { deviceId } from '../../renderer/src/softphone/device-identity'
import { ActivationError, useSessionStore } from '../../renderer/src/softphone/stores/session'
import { usePhoneStore } from '../../renderer/src/stores/phone'
import { buildActivationLink } from '@shared/activation-code'
import { activationResult, me } from './fakes/activation'
import { FakeUA } from './fakes/jssip'
import { fakePlatform, unreachable, type Answer } from './fakes/platform'

vi.mock('jssip', async () => {
  const fake = await import('./fakes/jssip')
  return { UA: fake.FakeUA, WebSocketInterface: class {} }
})

const CODE = 'K7QF-3M9X-PW2D'
const SESSION_KEY = 'phone-systems.session'
const INVALID_CODE =
  'This authentication code does not work. It may be mistyped, already used, expired or replaced by a newer invitation. Ask your administrator to send a new invitation.'

const ok = (body?: unknown): Answer => ({ status: body === undefined ? 204 : 200, body })

/** A platform that activates any code, and answers /api/me as `meAnswer` says. */
function platform(meAnswer: () => Answer = () => ok(me())) {
  return fakePlatform((req) =>
    req.url.pathname === '/api/activations' ? ok(activationResult()) : meAnswer(),
  )
}

async function activated(meAnswer?: () => Answer) {
  const fake = platform(meAnswer)
  const store = useSessionStore()
  await store.activate(CODE)
  return { store, ...fake }
}

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
})

afterEach(() => {
  usePhoneStore().disconnect()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('session store: activating', () => {
  it('starts out not activated', () => {
    const store = useSessionStore()
    expect(store.activated).toBe(false)
    expect(store.step).toBeNull()
    expect(store.profile).toBeNull()
    expect(store.line).toBeNull()
    expect(store.sipDomain).toBe('')
  })

  it('trades the code for credentials at this origin, and opens on Welcome', async () => {
    const { store, sent } = await activated()
    expect(sent).toHaveLength(1)
    expect(sent[0]!.method).toBe('POST')
    expect(sent[0]!.url.href).toBe('http://127.0.0.1:8780/api/activations')
    expect(sent[0]!.body).toEqual({
      code: CODE,
      deviceId: deviceId(),
      deviceName: expect.any(String),
      platform: 'web',
    })
    expect(store.activated).toBe(true)
    expect(store.step).toBe('welcome')
    expect(store.profile).toEqual(activationResult().profile)
    expect(store.line).toEqual(activationResult().line)
    expect(store.sipDomain).toBe('pbx.example')
  })

  it('accepts the code as typed from the email: case, spaces and look-alikes', async () => {
    const { sent } = platform()
    await useSessionStore().activate('  k7qf 3m9x pw2d ')
    expect(sent[0]!.body).toMatchObject({ code: CODE })
  })

  it('a whole activation link activates against the platform it names', async () => {
    const { sent } = platform()
    const store = useSessionStore()
    await store.activate(buildActivationLink('https://platform.example/', CODE))
    expect(sent[0]!.url.origin).toBe('https://platform.example')
    await store.refresh(true)
    expect(sent[1]!.url.href).toBe('https://platform.example/api/me')
  })

  it('registers with the SIP server at once, as this device', async () => {
    const before = FakeUA.built.length
    await activated()
    await vi.waitFor(() => expect(FakeUA.built.length).toBe(before + 1))
    const ua = FakeUA.built.at(-1)!
    expect(ua.config).toMatchObject({
      uri: 'sip:u42@pbx.example',
      authorization_user: 'u42',
      password: 'sip-secret',
      instance_id: deviceId(),
    })
    expect(usePhoneStore().registration).toEqual({ kind: 'connecting' })
    ua.fire('registered')
    expect(usePhoneStore().ready).toBe(true)
  })

  it('connectSip() while a registration is under way starts no second one', async () => {
    const { store } = await activated()
    await vi.waitFor(() => expect(usePhoneStore().registration.kind).toBe('connecting'))
    const before = FakeUA.built.length
    await store.connectSip()
    expect(FakeUA.built.length).toBe(before)
  })

  it('connectSip() on a device that is not activated does nothing', async () => {
    const before = FakeUA.built.length
    await useSessionStore().connectSip()
    expect(FakeUA.built.length).toBe(before)
    expect(usePhoneStore().registration).toEqual({ kind: 'stopped' })
  })
})

describe('session store: activation errors the person can act on', () => {
  it.each([
    ['nothing typed', '   ', MESSAGES.empty],
    ['too short to be a code', 'K7QF-3M9X', MESSAGES.notACode],
    ['a letter no code has', 'K7QF-3M9X-PW2U', MESSAGES.notACode],
    [
      'a link that is not an invitation',
      'https://example.com/?code=K7QF3M9XPW2D',
      MESSAGES.notALink,
    ],
  ])('%s: explained at once, without asking the platform', async (_what, input, message) => {
    const { sent } = platform()
    const store = useSessionStore()
    const error = await store.activate(input).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActivationError)
    expect((error as Error).message).toBe(message)
    expect(sent).toEqual([])
    expect(store.activated).toBe(false)
  })

  const refusals: [string, () => Answer, string][] = [
    [
      'a wrong, used, expired or replaced code (the platform’s one answer, at the field)',
      () => ({
        status: 400,
        body: {
          message: 'Bad Request',
          fields: [{ field: 'code', reason: INVALID_CODE }],
        },
      }),
      INVALID_CODE,
    ],
    [
      'too many attempts',
      () => ({
        status: 429,
        body: { message: 'Too many activation attempts. Wait a minute and try again.' },
      }),
      'Too many activation attempts. Wait a minute and try again.',
    ],
    [
      'a field error about something else: the platform’s sentence',
      () => ({
        status: 400,
        body: {
          message: 'deviceName is required',
          fields: [{ field: 'deviceName', reason: 'is required' }],
        },
      }),
      'deviceName is required',
    ],
    [
      'a server error with a message',
      () => ({ status: 503, body: { message: 'The platform is starting; try again shortly.' } }),
      'The platform is starting; try again shortly.',
    ],
    [
      'a server error with no JSON (a proxy’s HTML page)',
      () => ({ status: 502, statusText: 'Bad Gateway', body: '<html>Bad Gateway</html>' }),
      'The platform answered 502 Bad Gateway',
    ],
    ['an unreachable platform', unreachable, UNREACHABLE],
  ]

  it.each(refusals)('%s', async (_what, answer, message) => {
    fakePlatform(answer)
    const store = useSessionStore()
    const error = await store.activate(CODE).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ActivationError)
    expect((error as Error).message).toBe(message)
    expect(store.activated).toBe(false)
    expect(localStorage.getItem(SESSION_KEY)).toBeNull()
  })

  it('an aborted request is not reported as a bad code', async () => {
    fakePlatform(() => {
      throw new DOMException('The operation was aborted.', 'AbortError')
    })
    const error = await useSessionStore()
      .activate(CODE)
      .catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(ActivationError)
    expect((error as Error).name).toBe('AbortError')
  })

  it('activating again clears why the device was signed out', async () => {
    const { store } = await activated(() => ({ status: 401, body: { message: 'Revoked' } }))
    await store.refresh(true)
    expect(store.signedOutReason).toBe('Revoked')
    await store.activate(CODE)
    expect(store.signedOutReason).toBeNull()
  })
})

describe('session store: kept across restarts', () => {
  it('a restart opens where set-up stopped', async () => {
    const { store } = await activated()
    store.advance('welcome')
    setActivePinia(createPinia())
    const restarted = useSessionStore()
    expect(restarted.activated).toBe(true)
    expect(restarted.step).toBe('permissions')
    expect(restarted.profile).toEqual(activationResult().profile)
  })

  it.each([
    ['unreadable JSON', '{"baseUrl":'],
    ['an unknown step', { step: 'tour' }],
    [
      'SIP credentials from an older version, without displayName',
      { sip: { uri: 'sip:u42@pbx.example' } },
    ],
    ['a profile without email', { profile: { firstName: 'Ada' } }],
    ['no device token', { deviceToken: 42 }],
  ])('a stored activation of another shape (%s) reads as not activated', async (_what, change) => {
    await activated()
    const stored = JSON.parse(localStorage.getItem(SESSION_KEY)!) as Record<string, unknown>
    localStorage.setItem(
      SESSION_KEY,
      typeof change === 'string' ? change : JSON.stringify({ ...stored, ...change }),
    )
    setActivePinia(createPinia())
    expect(useSessionStore().activated).toBe(false)
  })
})

describe('session store: profile and line', () => {
  it('just activated: no new request for a minute, unless forced', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { store, sent } = await activated(() =>
      ok(me({ jobTitle: 'CTO' }, { internalNumber: '105' })),
    )
    await store.refresh()
    expect(sent).toHaveLength(1)
    vi.setSystemTime(Date.now() + 61_000)
    await store.refresh()
    expect(sent).toHaveLength(2)
    expect(sent[1]).toMatchObject({ method: 'GET' })
    expect(sent[1]!.url.pathname).toBe('/api/me')
    expect(sent[1]!.headers.authorization).toBe('Bearer device-token-1')
    expect(store.profile?.jobTitle).toBe('CTO')
    expect(store.line?.internalNumber).toBe('105')
    await store.refresh(true)
    expect(sent).toHaveLength(3)
  })

  it('a 401 signs the device out with the platform’s reason', async () => {
    const reason = 'This device was revoked by an administrator.'
    const { store } = await activated(() => ({ status: 401, body: { message: reason } }))
    await store.refresh(true)
    expect(store.activated).toBe(false)
    expect(store.signedOutReason).toBe(reason)
    expect(localStorage.getItem(SESSION_KEY)).toBeNull()
  })

  it('offline, the stored copy serves', async () => {
    const { store } = await activated(unreachable)
    await expect(store.refresh(true)).resolves.toBeUndefined()
    expect(store.activated).toBe(true)
    expect(store.profile).toEqual(activationResult().profile)
  })

  it('a server error is passed on', async () => {
    const { store } = await activated(() => ({ status: 500, body: { message: 'Database locked' } }))
    await expect(store.refresh(true)).rejects.toThrow('Database locked')
    expect(store.activated).toBe(true)
  })

  it('Save and continue: the profile goes to the platform and set-up is done', async () => {
    const { store, sent } = await activated(() => ok(me({ firstName: 'Augusta' })))
    store.advance('welcome')
    store.advance('permissions')
    await store.saveProfile({ firstName: 'Augusta' })
    expect(sent.at(-1)).toMatchObject({ method: 'PATCH', body: { firstName: 'Augusta' } })
    expect(store.profile?.firstName).toBe('Augusta')
    expect(store.step).toBe('done')
  })

  it('a refused profile leaves set-up where it was', async () => {
    const { store } = await activated(() => ({
      status: 400,
      body: {
        message: 'firstName is too long',
        fields: [{ field: 'firstName', reason: 'is too long' }],
      },
    }))
    store.advance('welcome')
    store.advance('permissions')
    await expect(store.saveProfile({ firstName: 'x'.repeat(200) })).rejects.toThrow()
    expect(store.step).toBe('profile')
  })
})

describe('session store: set-up steps', () => {
  it('Welcome → permissions → profile → done, and a double click moves only once', async () => {
    const { store } = await activated()
    store.advance('welcome')
    store.advance('welcome')
    expect(store.step).toBe('permissions')
    store.advance('profile')
    expect(store.step).toBe('permissions')
    store.advance('permissions')
    store.advance('profile')
    expect(store.step).toBe('done')
    store.advance('done')
    expect(store.step).toBe('done')
  })
})

describe('session store: Sign out', () => {
  it('deactivates the device on the platform, then forgets it here', async () => {
    const { store, sent } = await activated(() => ok())
    await store.signOut()
    expect(sent.at(-1)).toMatchObject({ method: 'DELETE' })
    expect(sent.at(-1)!.url.pathname).toBe('/api/me')
    expect(store.activated).toBe(false)
    expect(store.signedOutReason).toBeNull()
    expect(localStorage.getItem(SESSION_KEY)).toBeNull()
  })

  it('a device already revoked counts as signed out', async () => {
    const { store } = await activated(() => ({ status: 401, body: { message: 'Revoked' } }))
    await store.signOut()
    expect(store.activated).toBe(false)
  })

  it('an unreachable platform is reported and the device stays active', async () => {
    const { store } = await activated(unreachable)
    await expect(store.signOut()).rejects.toThrow(UNREACHABLE)
    expect(store.activated).toBe(true)
  })

  it('a device that is not activated has nothing to sign out of', async () => {
    platform()
    await expect(useSessionStore().signOut()).rejects.toThrow('This device is not activated')
  })
})
