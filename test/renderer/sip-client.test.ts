import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  SipClient,
  type RecoveryTriggers,
  type RegistrationState,
  type SipCall,
  type SipClientOptions,
} from '../../renderer/src/sip'
import { FakeSession, FakeUA, fakeInvite, fakeStream } from './fakes/jssip'

const credentials = {
  wsUri: 'ws://127.0.0.1:8088/ws',
  uri: 'sip:u42@pbx.example;transport=ws',
  authorizationUser: 'u42',
  password: 'secret',
  displayName: 'Ada Lovelace',
}

const REVOKED =
  'This device is not allowed to register any more. It may have been revoked; activate it again.'

/** A started client on a fake user agent, with every state it reported. */
function started(options: SipClientOptions = {}) {
  let ua!: FakeUA
  const client = new SipClient(credentials, {
    getMicrophone: async () => fakeStream(),
    ...options,
    createUserAgent: (config) => {
      ua = new FakeUA(config)
      return ua.asJsSip()
    },
  })
  const states: RegistrationState[] = []
  client.on('state', (s) => states.push(s))
  client.start()
  return { client, ua, states }
}

function registered(options: SipClientOptions = {}) {
  const setup = started(options)
  setup.ua.fire('registered')
  return setup
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('SipClient: starting', () => {
  it('configures JsSIP from the credentials and reports connecting', () => {
    const { client, ua, states } = started({ instanceId: 'device-1', registerExpires: 60 })
    expect(ua.config).toMatchObject({
      uri: credentials.uri,
      authorization_user: 'u42',
      password: 'secret',
      display_name: 'Ada Lovelace',
      register: true,
      register_expires: 60,
      instance_id: 'device-1',
    })
    expect(ua.start).toHaveBeenCalledOnce()
    expect(states).toEqual([{ kind: 'connecting' }])
    expect(client.state).toEqual({ kind: 'connecting' })
    expect(client.domain).toBe('pbx.example')
  })

  it('registers for five minutes and sends no instance id unless given one', () => {
    const { ua } = started()
    expect(ua.config.register_expires).toBe(300)
    expect(ua.config).not.toHaveProperty('instance_id')
  })

  it('a second start() keeps the one user agent', () => {
    const { client } = started()
    const before = FakeUA.built.length
    client.start()
    expect(FakeUA.built.length).toBe(before)
  })

  it('is registered when JsSIP says so', () => {
    const { client, ua, states } = started()
    ua.fire('connecting')
    ua.fire('registered')
    expect(client.state).toEqual({ kind: 'registered' })
    expect(states.at(-1)).toEqual({ kind: 'registered' })
  })
})

describe('SipClient: losing the connection', () => {
  it('reconnects at once after the first drop of a working registration', () => {
    const { client, ua } = registered()
    ua.connected = false
    ua.fire('disconnected', { code: 1006 })
    expect(client.state).toEqual({
      kind: 'reconnecting',
      reason: 'Connection closed (1006)',
      attempt: 1,
    })
    expect(ua._transport.connect).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(ua._transport.connect).toHaveBeenCalledOnce()
  })

  it('counts further drops and leaves their timing to JsSIP', () => {
    const { client, ua } = registered()
    ua.connected = false
    ua.fire('disconnected', { reason: 'Proxy restarted' })
    vi.runAllTimers()
    ua.fire('connecting')
    ua.fire('disconnected', {})
    expect(client.state).toEqual({ kind: 'reconnecting', reason: 'Connection lost', attempt: 2 })
    vi.runAllTimers()
    expect(ua._transport.connect).toHaveBeenCalledOnce()
  })

  it('gives the reason JsSIP gave for the drop', () => {
    const { client, ua } = registered()
    ua.fire('disconnected', { reason: 'Proxy restarted', code: 1001 })
    expect(client.state).toMatchObject({ reason: 'Proxy restarted' })
  })

  it('does not reconnect when the socket came back before the immediate retry', () => {
    const { ua } = registered()
    ua.fire('disconnected', {})
    ua.connected = true
    vi.runAllTimers()
    expect(ua._transport.connect).not.toHaveBeenCalled()
  })

  it('a registration that ended goes back to reconnecting; before registering it is ignored', () => {
    const first = started()
    first.ua.fire('unregistered')
    expect(first.client.state).toEqual({ kind: 'connecting' })

    const { client, ua } = registered()
    ua.fire('unregistered')
    expect(client.state).toEqual({
      kind: 'reconnecting',
      reason: 'Registration ended',
      attempt: 1,
    })
  })
})

describe('SipClient: refused registrations', () => {
  it.each([
    ['Authentication Error', undefined],
    ['Rejected', undefined],
    ['Forbidden', undefined],
    ['Not Found', undefined],
    ['SIP Failure Code', 401],
    ['SIP Failure Code', 403],
    ['SIP Failure Code', 404],
  ])('%s (%s) is final: the device has to be activated again', (cause, status) => {
    const { client, ua } = registered()
    ua.fire('registrationFailed', { cause, response: status ? { status_code: status } : undefined })
    expect(client.state).toEqual({ kind: 'failed', reason: REVOKED })
    expect(ua.stop).toHaveBeenCalledOnce()
    vi.runAllTimers()
    expect(ua.register).not.toHaveBeenCalled()
  })

  it('once failed, neither a dropped socket nor a recovery signal changes anything', () => {
    const { client, ua } = registered()
    ua.fire('registrationFailed', { cause: 'Forbidden' })
    ua.fire('disconnected', { code: 1000 })
    client.recover('Network connection restored')
    vi.runAllTimers()
    expect(client.state).toEqual({ kind: 'failed', reason: REVOKED })
    expect(ua.register).not.toHaveBeenCalled()
    expect(ua._transport.connect).not.toHaveBeenCalled()
  })

  it('retries anything else with a growing delay, capped at 30 s', () => {
    const { client, ua } = started()
    const delays = [1_000, 2_000, 5_000, 10_000, 30_000, 30_000]
    delays.forEach((delay, i) => {
      ua.fire('registrationFailed', { cause: 'Request Timeout' })
      expect(client.state).toEqual({
        kind: 'reconnecting',
        reason: 'Request Timeout',
        attempt: i + 1,
      })
      vi.advanceTimersByTime(delay - 1)
      expect(ua.register).toHaveBeenCalledTimes(i)
      vi.advanceTimersByTime(1)
      expect(ua.register).toHaveBeenCalledTimes(i + 1)
    })
  })

  it('says what the server answered when JsSIP gives no cause', () => {
    const { client, ua } = started()
    ua.fire('registrationFailed', { cause: '', response: { status_code: 503 } })
    expect(client.state).toMatchObject({ reason: 'Registration failed (503)' })
    ua.fire('registrationFailed', {})
    expect(client.state).toMatchObject({ reason: 'Registration failed (no answer)', attempt: 2 })
  })

  it('a success starts the backoff over', () => {
    const { ua } = started()
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    vi.advanceTimersByTime(1_000)
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    vi.advanceTimersByTime(2_000)
    ua.fire('registered')
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    ua.register.mockClear()
    vi.advanceTimersByTime(1_000)
    expect(ua.register).toHaveBeenCalledOnce()
  })

  it('a newer failure replaces the pending retry instead of adding one', () => {
    const { ua } = started()
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    vi.advanceTimersByTime(30_000)
    expect(ua.register).toHaveBeenCalledOnce()
  })
})

describe('SipClient: recovering after a network change', () => {
  function triggers() {
    let recover: ((reason: string) => void) | undefined
    const unsubscribe = vi.fn()
    const source: RecoveryTriggers = {
      subscribe: (r) => {
        recover = r
        return unsubscribe
      },
    }
    return { source, unsubscribe, fire: (reason: string) => recover?.(reason) }
  }

  it('a live socket sends a fresh REGISTER and the line stays Ready meanwhile', () => {
    const t = triggers()
    const { client, ua, states } = registered({ recoveryTriggers: t.source })
    t.fire('Resumed from sleep')
    expect(ua.register).toHaveBeenCalledOnce()
    expect(client.state).toEqual({ kind: 'registered' })
    expect(states.filter((s) => s.kind === 'reconnecting')).toEqual([])
  })

  it('a dead socket is reconnected now, and the reason shown', () => {
    const t = triggers()
    const { client, ua } = started({ recoveryTriggers: t.source })
    ua.connected = false
    t.fire('Network connection restored')
    expect(client.state).toEqual({
      kind: 'reconnecting',
      reason: 'Network connection restored',
      attempt: 1,
    })
    expect(ua._transport.connect).toHaveBeenCalledOnce()
    expect(ua.register).not.toHaveBeenCalled()
  })

  it('a call in progress restarts ICE once the registration is back, not before', async () => {
    const t = triggers()
    const { client, ua } = registered({ recoveryTriggers: t.source })
    await client.call('102')
    const session = ua.placed[0]!.session
    session.fire('confirmed')
    ua.connected = false
    t.fire('Resumed from sleep')
    expect(session.renegotiate).not.toHaveBeenCalled()
    ua.connected = true
    ua.fire('registered')
    expect(session.renegotiate).toHaveBeenCalledExactlyOnceWith(
      { rtcOfferConstraints: { iceRestart: true } },
      expect.any(Function),
    )
    ua.fire('registered')
    expect(session.renegotiate).toHaveBeenCalledOnce()
  })

  it('with no call in progress a recovery sends no re-INVITE', () => {
    const t = triggers()
    const { ua } = registered({ recoveryTriggers: t.source })
    t.fire('Screen unlocked')
    ua.fire('registered')
    expect(ua.placed).toEqual([])
  })

  it('stop() unsubscribes the triggers; recover() on a stopped client does nothing', () => {
    const t = triggers()
    const { client, ua } = registered({ recoveryTriggers: t.source })
    client.stop()
    expect(t.unsubscribe).toHaveBeenCalledOnce()
    client.recover('Retry requested')
    expect(ua.register).not.toHaveBeenCalled()
    expect(client.state).toEqual({ kind: 'stopped' })
  })
})

describe('SipClient: stopping', () => {
  it('hangs up live calls, stops JsSIP, cancels a pending retry', async () => {
    const { client, ua } = registered()
    const call = await client.call('102')
    const session = ua.placed[0]!.session
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    ua.register.mockClear()
    client.stop()
    expect(session.terminate).toHaveBeenCalledOnce()
    expect(call.state).toBe('dialing')
    expect(ua.stop).toHaveBeenCalledOnce()
    expect(client.state).toEqual({ kind: 'stopped' })
    vi.runAllTimers()
    expect(ua.register).not.toHaveBeenCalled()
  })

  it('a drop JsSIP reports while stopping is not a reconnect', () => {
    const { client, ua } = registered()
    client.stop()
    ua.fire('disconnected', { code: 1000 })
    expect(client.state).toEqual({ kind: 'stopped' })
  })
})

describe('SipClient: placing calls', () => {
  it('refuses until registered', async () => {
    const { client } = started()
    await expect(client.call('102')).rejects.toThrow('Not registered')
  })

  it('calls a number in its own domain with the microphone and no ICE servers', async () => {
    const mic = fakeStream()
    const { client, ua } = registered({ getMicrophone: async () => mic })
    const call = await client.call('102')
    expect(ua.call).toHaveBeenCalledWith('sip:102@pbx.example', {
      mediaStream: mic,
      pcConfig: { iceServers: [] },
      extraHeaders: [],
    })
    expect(call.direction).toBe('outgoing')
    expect(call.state).toBe('dialing')
    expect(client.activeCalls).toEqual([call])
  })

  it('keeps a full SIP address, uses the given microphone and asks for the caller ID', async () => {
    const getMicrophone = vi.fn(async () => fakeStream())
    const { client, ua } = registered({ getMicrophone })
    const mic = fakeStream()
    await client.call('bob@other.example', { mediaStream: mic, callerId: '+4520304050' })
    expect(getMicrophone).not.toHaveBeenCalled()
    expect(ua.call).toHaveBeenCalledWith('bob@other.example', {
      mediaStream: mic,
      pcConfig: { iceServers: [] },
      extraHeaders: ['P-Preferred-Identity: <sip:+4520304050@pbx.example>'],
    })
  })

  it('an outgoing call is not announced as incoming, and leaves the list once ended', async () => {
    const { client, ua } = registered()
    const incoming = vi.fn()
    client.on('incomingCall', incoming)
    await client.call('102')
    expect(incoming).not.toHaveBeenCalled()
    ua.placed[0]!.session.fire('ended', { originator: 'remote', cause: 'Terminated' })
    expect(client.activeCalls).toEqual([])
  })
})

describe('SipClient: incoming and transferred calls', () => {
  it('announces a ringing call with the caller the server asserts', () => {
    const { client, ua } = registered()
    const calls: SipCall[] = []
    client.on('incomingCall', (c) => calls.push(c))
    ua.ring(
      new FakeSession({ direction: 'incoming', user: 'u17', displayName: 'Grace' }),
      fakeInvite({ 'P-Asserted-Identity': '<sip:103@pbx.example>' }),
    )
    expect(calls).toHaveLength(1)
    expect(calls[0]!.state).toBe('ringing')
    expect(calls[0]!.remote).toEqual({ number: '103', displayName: 'Grace' })
    expect(client.activeCalls).toEqual(calls)
  })

  it('a REFER from the other side yields the new call to the target', async () => {
    const { client, ua } = registered()
    const transferred: SipCall[] = []
    client.on('transferredCall', (c) => transferred.push(c))
    await client.call('102')
    const accept = vi.fn((onNew: (s: unknown) => void) =>
      onNew(new FakeSession({ direction: 'outgoing', user: '104' })),
    )
    ua.placed[0]!.session.fire('refer', { accept, reject: vi.fn() })
    expect(transferred).toHaveLength(1)
    expect(transferred[0]!.remote.number).toBe('104')
    expect(client.activeCalls).toHaveLength(2)
  })
})

describe('SipClient: a user agent that was stopped', () => {
  it('late answers from it change nothing (a REGISTER in flight when signing out)', () => {
    const { client, ua, states } = started()
    client.stop()
    const seen = states.length
    ua.fire('registered')
    ua.fire('registrationFailed', { cause: 'Request Timeout' })
    ua.fire('disconnected', { code: 1006 })
    ua.ring(new FakeSession({ direction: 'incoming' }))
    vi.runAllTimers()
    expect(client.state).toEqual({ kind: 'stopped' })
    expect(states.length).toBe(seen)
    expect(client.activeCalls).toEqual([])
  })

  it('after stop and start, only the new user agent speaks', () => {
    const uas: FakeUA[] = []
    const client = new SipClient(credentials, {
      createUserAgent: (config) => {
        const ua = new FakeUA(config)
        uas.push(ua)
        return ua.asJsSip()
      },
    })
    client.start()
    client.stop()
    client.start()
    uas[1]!.fire('registered')
    uas[0]!.fire('unregistered')
    uas[0]!.fire('registrationFailed', { cause: 'Request Timeout' })
    vi.runAllTimers()
    expect(client.state).toEqual({ kind: 'registered' })
    expect(uas[1]!.register).not.toHaveBeenCalled()
  })
})
