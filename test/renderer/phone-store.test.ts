import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { usePhoneStore, type CallView } from '../../renderer/src/stores/phone'
import { FakeSession, FakeUA, fakeInvite, fakeStream } from './fakes/jssip'

vi.mock('jssip', async () => {
  const fake = await import('./fakes/jssip')
  return { UA: fake.FakeUA, WebSocketInterface: class {} }
})

const credentials = {
  wsUri: 'ws://127.0.0.1:8088/ws',
  uri: 'sip:u42@pbx.example',
  authorizationUser: 'u42',
  password: 'secret',
  displayName: 'Ada Lovelace',
}

const getUserMedia = vi.fn(async (_constraints: MediaStreamConstraints) => fakeStream())

/** The store connected over a fake user agent, registered unless told otherwise. */
function connected({ register = true } = {}) {
  const phone = usePhoneStore()
  phone.connect(credentials, 'device-1')
  const ua = FakeUA.built.at(-1)!
  if (register) ua.fire('registered')
  return { phone, ua }
}

/** A call rings in; returns its session and the view the UI shows. */
function ringIn(ua: FakeUA, phone: ReturnType<typeof usePhoneStore>, number = '103') {
  const session = new FakeSession({ direction: 'incoming', user: number, displayName: 'Grace' })
  ua.ring(session, fakeInvite())
  return { session, view: phone.calls.at(-1)! }
}

beforeEach(() => {
  setActivePinia(createPinia())
  getUserMedia.mockClear()
  vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia } })
})

afterEach(() => {
  usePhoneStore().disconnect()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('phone store: registration', () => {
  it('follows the registration: connecting, then Ready', () => {
    const { phone, ua } = connected({ register: false })
    expect(ua.config).toMatchObject({ uri: credentials.uri, instance_id: 'device-1' })
    expect(phone.registration).toEqual({ kind: 'connecting' })
    expect(phone.ready).toBe(false)
    ua.fire('registered')
    expect(phone.registration).toEqual({ kind: 'registered' })
    expect(phone.ready).toBe(true)
  })

  it('marks the first registration once, for the benchmark', () => {
    performance.clearMarks('phone-systems:sip-registered')
    const { ua } = connected()
    ua.fire('unregistered')
    ua.fire('registered')
    expect(performance.getEntriesByName('phone-systems:sip-registered')).toHaveLength(1)
  })

  it('shows why it is reconnecting, and a revoked device as failed', () => {
    const { phone, ua } = connected()
    ua.fire('disconnected', { reason: 'Proxy restarted' })
    expect(phone.registration).toEqual({
      kind: 'reconnecting',
      reason: 'Proxy restarted',
      attempt: 1,
    })
    expect(phone.ready).toBe(false)
    ua.fire('registrationFailed', { cause: 'Forbidden' })
    expect(phone.registration.kind).toBe('failed')
  })

  it('Retry now registers again on the live socket', () => {
    const { phone, ua } = connected()
    phone.reconnect()
    expect(ua.register).toHaveBeenCalledOnce()
  })

  it('connecting again replaces the previous user agent', () => {
    const { phone, ua } = connected()
    phone.connect(credentials)
    expect(ua.stop).toHaveBeenCalled()
    expect(FakeUA.built.at(-1)).not.toBe(ua)
    expect(FakeUA.built.at(-1)!.config).not.toHaveProperty('instance_id')
  })

  it('disconnect stops JsSIP and forgets calls', () => {
    const { phone, ua } = connected()
    ringIn(ua, phone)
    phone.disconnect()
    expect(ua.stop).toHaveBeenCalled()
    expect(phone.calls).toEqual([])
    expect(phone.registration).toEqual({ kind: 'stopped' })
  })
})

describe('phone store: calls as the UI shows them', () => {
  it('an incoming call rings, is answered, and leaves the list when it ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(10_000)
    const { phone, ua } = connected()
    const ended: CallView[] = []
    phone.onCallEnded((v) => ended.push(v))
    const { session, view } = ringIn(ua, phone)
    expect(view).toMatchObject({
      direction: 'incoming',
      number: '103',
      displayName: 'Grace',
      state: 'ringing',
      muted: false,
      createdAt: 10_000,
      answeredAt: null,
      end: null,
    })
    expect(phone.ringing).toEqual([view])
    expect(phone.activeCall).toBeUndefined()

    await phone.answer(view)
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false })
    vi.setSystemTime(12_000)
    session.fire('confirmed')
    expect(view.state).toBe('active')
    expect(view.answeredAt).toBe(12_000)
    expect(phone.activeCall).toStrictEqual(view)
    expect(phone.ringing).toEqual([])

    session.fire('ended', { originator: 'remote', cause: 'Terminated' })
    expect(phone.calls).toEqual([])
    expect(ended).toHaveLength(1)
    expect(ended[0]).toMatchObject({
      number: '103',
      answeredAt: 12_000,
      end: { by: 'remote', cause: 'Terminated' },
    })
  })

  it('a listener that unsubscribed hears of no more ended calls', () => {
    const { phone, ua } = connected()
    const listener = vi.fn()
    const unsubscribe = phone.onCallEnded(listener)
    unsubscribe()
    const { session } = ringIn(ua, phone)
    session.fire('failed', { originator: 'remote', cause: 'Canceled' })
    expect(listener).not.toHaveBeenCalled()
  })

  it('the other side’s audio reaches the view', () => {
    const { phone, ua } = connected()
    const { session, view } = ringIn(ua, phone)
    const audio = fakeStream()
    session.connection!.receive(audio)
    expect(view.remoteStream).toBe(audio)
  })

  it('Decline and Hang up reach the call', () => {
    const { phone, ua } = connected()
    const { session, view } = ringIn(ua, phone)
    phone.decline(view)
    expect(session.terminate).toHaveBeenCalledWith({ status_code: 486, reason_phrase: 'Busy Here' })
    phone.hangup(view)
    expect(session.terminate).toHaveBeenCalledTimes(2)
  })

  it('dialling needs a connection', async () => {
    await expect(usePhoneStore().dial('102')).rejects.toThrow('Not connected')
  })

  it('dials with the chosen caller ID and shows the call as active while it rings', async () => {
    const { phone, ua } = connected()
    const view = await phone.dial('102', '+4520304050')
    expect(ua.placed[0]!.target).toBe('sip:102@pbx.example')
    expect(ua.placed[0]!.options.extraHeaders).toEqual([
      'P-Preferred-Identity: <sip:+4520304050@pbx.example>',
    ])
    expect(view).toMatchObject({ direction: 'outgoing', number: '102', state: 'dialing' })
    expect(phone.activeCall).toStrictEqual(view)
  })

  it('dialling while in a call puts that call on hold first', async () => {
    const { phone, ua } = connected()
    const first = ringIn(ua, phone)
    first.session.fire('confirmed')
    const dialled = phone.dial('104')
    await vi.waitFor(() => expect(first.session.hold).toHaveBeenCalled())
    expect(ua.call).not.toHaveBeenCalled()
    first.session.reinviteAnswered('hold')
    const view = await dialled
    expect(first.view.state).toBe('held')
    expect(phone.heldCalls).toEqual([first.view])
    expect(phone.activeCall).toStrictEqual(view)
  })

  it('call waiting: answering a second call holds the first', async () => {
    const { phone, ua } = connected()
    const first = ringIn(ua, phone, '103')
    first.session.fire('confirmed')
    const second = ringIn(ua, phone, '105')
    expect(phone.ringing).toEqual([second.view])
    const answered = phone.answer(second.view)
    await vi.waitFor(() => expect(first.session.hold).toHaveBeenCalled())
    expect(second.session.answer).not.toHaveBeenCalled()
    first.session.reinviteAnswered('hold')
    await answered
    expect(second.session.answer).toHaveBeenCalledOnce()
  })

  it('Resume a held call: the one active meanwhile goes on hold', async () => {
    const { phone, ua } = connected()
    const first = ringIn(ua, phone, '103')
    first.session.fire('confirmed')
    const held = phone.hold(first.view)
    first.session.reinviteAnswered('hold')
    await held
    const second = ringIn(ua, phone, '105')
    second.session.fire('confirmed')

    const resumed = phone.resume(first.view)
    await vi.waitFor(() => expect(second.session.hold).toHaveBeenCalled())
    second.session.reinviteAnswered('hold')
    await vi.waitFor(() => expect(first.session.unhold).toHaveBeenCalled())
    first.session.reinviteAnswered('unhold')
    await resumed
    expect(first.view.state).toBe('active')
    expect(second.view.state).toBe('held')
    expect(phone.activeCall).toStrictEqual(first.view)
  })

  it('Mute toggles and the view says so', () => {
    const { phone, ua } = connected()
    const { session, view } = ringIn(ua, phone)
    phone.toggleMute(view)
    expect(view.muted).toBe(true)
    expect(session.mute).toHaveBeenCalledOnce()
    phone.toggleMute(view)
    expect(view.muted).toBe(false)
    expect(session.unmute).toHaveBeenCalledOnce()
  })

  it('DTMF, transfer and statistics reach the call', async () => {
    const { phone, ua } = connected()
    const { session, view } = ringIn(ua, phone)
    phone.sendDtmf(view, '5')
    expect(session.sendDTMF).toHaveBeenCalledWith('5', expect.anything())
    const transferred = phone.transfer(view, '104')
    session.referred!.handlers.accepted!({})
    await transferred
    expect(session.referred!.target).toBe('sip:104@pbx.example')
    expect(await phone.stats(view)).toMatchObject({ packetsReceived: 0 })
  })

  it('a call transferred to us appears as a new call', () => {
    const { phone, ua } = connected()
    const { session } = ringIn(ua, phone)
    session.fire('refer', {
      accept: (onNew: (s: unknown) => void) => onNew(new FakeSession({ user: '106' })),
      reject: vi.fn(),
    })
    expect(phone.calls.map((c) => c.number)).toEqual(['103', '106'])
  })
})

describe('phone store: microphone', () => {
  it('new calls use the chosen microphone, falling back to the default if it is gone', async () => {
    const { phone, ua } = connected()
    await phone.setInputDevice('mic-2')
    expect(phone.inputDeviceId).toBe('mic-2')
    const { view } = ringIn(ua, phone)
    await phone.answer(view)
    expect(getUserMedia).toHaveBeenCalledWith({
      audio: { deviceId: { ideal: 'mic-2' } },
      video: false,
    })
  })

  it('is swapped into live calls only, and not again for the same device', async () => {
    const { phone, ua } = connected()
    const live = ringIn(ua, phone, '103')
    live.session.fire('confirmed')
    const ringing = ringIn(ua, phone, '105')
    const liveSender = live.session.connection!.senders[0]!
    const ringingSender = ringing.session.connection!.senders[0]!
    await phone.setInputDevice('mic-2')
    expect(liveSender.replaceTrack).toHaveBeenCalledOnce()
    expect(ringingSender.replaceTrack).not.toHaveBeenCalled()
    await phone.setInputDevice('mic-2')
    expect(liveSender.replaceTrack).toHaveBeenCalledOnce()
  })

  it('with no live call, choosing a device opens no microphone', async () => {
    const { phone } = connected()
    await phone.setInputDevice('mic-3')
    expect(getUserMedia).not.toHaveBeenCalled()
  })
})
