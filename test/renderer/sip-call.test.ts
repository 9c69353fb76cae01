import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RTCSession } from 'jssip/lib/RTCSession'
import type { IncomingRequest } from 'jssip/lib/SIPMessage'
import { SipCall, type CallEnd, type CallState } from '../../renderer/src/sip'
import {
  FakeMediaStream,
  FakePeerConnection,
  FakeSender,
  FakeSession,
  FakeTrack,
  fakeInvite,
  fakeStream,
} from './fakes/jssip'

const WEBRTC_SDP = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 101\r\na=fingerprint:sha-256 AB\r\n'
const TRUNK_SDP = 'v=0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n'

/** A call over a fake session, with what it told the UI. */
function callOn(
  session: FakeSession,
  opts: { invite?: ReturnType<typeof fakeInvite>; microphone?: () => Promise<MediaStream> } = {},
) {
  const adopted: SipCall[] = []
  const adopt = (next: RTCSession) => {
    const call = new SipCall(next, microphone, adopt)
    adopted.push(call)
    return call
  }
  const microphone = opts.microphone ?? vi.fn(async () => fakeStream())
  const call = new SipCall(
    session.asJsSip(),
    microphone,
    adopt,
    opts.invite as IncomingRequest | undefined,
  )
  const states: CallState[] = []
  const ends: CallEnd[] = []
  call.on('state', (s) => states.push(s))
  call.on('ended', (e) => ends.push(e))
  return { call, session, states, ends, adopted, microphone }
}

const outgoing = () => callOn(new FakeSession({ direction: 'outgoing', user: '102' }))
const incoming = (invite = fakeInvite()) =>
  callOn(new FakeSession({ direction: 'incoming', user: 'u17', displayName: 'Grace' }), { invite })

beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream))
afterEach(() => vi.unstubAllGlobals())

describe('SipCall: who is calling', () => {
  it('an outgoing call dials the number it was given', () => {
    const { call } = outgoing()
    expect(call.direction).toBe('outgoing')
    expect(call.state).toBe('dialing')
    expect(call.remote).toEqual({ number: '102', displayName: '' })
  })

  it('an incoming call rings, showing the number the server asserts', () => {
    const { call } = incoming(
      fakeInvite({ 'P-Asserted-Identity': '"Grace" <sips:+4520304050@pbx.example;user=phone>' }),
    )
    expect(call.direction).toBe('incoming')
    expect(call.state).toBe('ringing')
    expect(call.remote).toEqual({ number: '+4520304050', displayName: 'Grace' })
  })

  it('without an asserted identity, the From user is shown', () => {
    expect(incoming().call.remote.number).toBe('u17')
  })
})

describe('SipCall: answering and ending', () => {
  it('answers a ringing call with the microphone and becomes active when confirmed', async () => {
    const mic = fakeStream()
    const { call, session, states } = callOn(new FakeSession({ direction: 'incoming' }), {
      microphone: async () => mic,
    })
    await call.answer()
    expect(session.answer).toHaveBeenCalledWith({
      mediaStream: mic,
      pcConfig: { iceServers: [] },
    })
    session.start_time = new Date(1_000)
    session.fire('confirmed')
    expect(call.state).toBe('active')
    expect(states).toEqual(['active'])
    expect(call.startedAt).toEqual(new Date(1_000))
  })

  it('answers with a given stream, and only while ringing', async () => {
    const { call, session, microphone } = incoming()
    const stream = fakeStream()
    await call.answer(stream)
    expect(microphone).not.toHaveBeenCalled()
    expect(session.answer).toHaveBeenCalledWith(expect.objectContaining({ mediaStream: stream }))
    session.fire('confirmed')
    await call.answer()
    call.decline()
    expect(session.answer).toHaveBeenCalledOnce()
    expect(session.terminate).not.toHaveBeenCalled()
  })

  it('Decline answers 486 Busy Here', () => {
    const { call, session } = incoming()
    call.decline()
    expect(session.terminate).toHaveBeenCalledWith({ status_code: 486, reason_phrase: 'Busy Here' })
  })

  it('Hang up terminates, and does nothing once ended', () => {
    const { call, session } = outgoing()
    call.hangup()
    expect(session.terminate).toHaveBeenCalledOnce()
    session.fire('ended', { originator: 'local', cause: 'Terminated' })
    call.hangup()
    expect(session.terminate).toHaveBeenCalledOnce()
  })

  it('an answered call hung up by the other side ends once, and frees the microphone', () => {
    const { call, session, states, ends } = outgoing()
    const mic = session.connection!.senders[0]!.track!
    session.fire('confirmed')
    session.fire('ended', { originator: 'remote', cause: 'Terminated' })
    session.fire('failed', { originator: 'system', cause: 'Connection Error' })
    session.fire('confirmed')
    expect(states).toEqual(['active', 'ended'])
    expect(ends).toEqual([{ by: 'remote', cause: 'Terminated' }])
    expect(call.end).toEqual({ by: 'remote', cause: 'Terminated' })
    expect(call.state).toBe('ended')
    expect(mic.stop).toHaveBeenCalled()
  })

  it('a refused call carries the SIP status and reason', () => {
    const { ends, session } = outgoing()
    session.fire('failed', {
      originator: 'remote',
      cause: 'Busy',
      message: { status_code: 486, reason_phrase: 'Busy Here' },
    })
    expect(ends).toEqual([
      { by: 'remote', cause: 'Busy', statusCode: 486, reasonPhrase: 'Busy Here' },
    ])
  })

  it.each([
    ['local', 'Canceled', 'local'],
    ['system', 'Connection Error', 'system'],
    ['system', 'RTP Timeout', 'system'],
  ] as const)('ended by %s (%s) reads as by %s', (originator, cause, by) => {
    const { ends, session } = outgoing()
    session.fire('failed', { originator, cause, message: {} })
    expect(ends).toEqual([{ by, cause }])
  })

  it('a CANCEL with Reason cause=200 was answered on another device', () => {
    const { ends, session } = incoming()
    session.fire('failed', {
      originator: 'remote',
      cause: 'Canceled',
      message: {
        getHeader: (h: string) =>
          h === 'Reason' ? 'SIP;cause=200;text="Call completed elsewhere"' : undefined,
      },
    })
    expect(ends[0]).toMatchObject({ by: 'remote', cause: 'Canceled', answeredElsewhere: true })
  })

  it('a CANCEL without that reason is a missed call', () => {
    const { ends, session } = incoming()
    session.fire('failed', {
      originator: 'remote',
      cause: 'Canceled',
      message: { getHeader: () => 'SIP;cause=487' },
    })
    expect(ends[0]).not.toHaveProperty('answeredElsewhere')
  })
})

describe('SipCall: in a call', () => {
  it('Mute and unmute the microphone', () => {
    const { call, session } = outgoing()
    call.setMuted(true)
    expect(session.mute).toHaveBeenCalledWith({ audio: true })
    expect(call.muted).toBe(true)
    call.setMuted(false)
    expect(session.unmute).toHaveBeenCalledWith({ audio: true })
    expect(call.muted).toBe(false)
  })

  it('Hold shows held only once the other side agreed, Resume back to active', async () => {
    const { call, session, states } = outgoing()
    session.fire('confirmed')
    const held = call.hold()
    expect(call.state).toBe('active')
    session.reinviteAnswered('hold')
    await held
    expect(call.state).toBe('held')
    const resumed = call.resume()
    session.reinviteAnswered('unhold')
    await resumed
    expect(states).toEqual(['active', 'held', 'active'])
  })

  it('the other side holding us does not change our state', () => {
    const { call, session } = outgoing()
    session.fire('confirmed')
    session.fire('hold', { originator: 'remote' })
    expect(call.state).toBe('active')
    session.fire('unhold', { originator: 'remote' })
    expect(call.state).toBe('active')
  })

  it('Hold is refused while JsSIP cannot send a re-INVITE', async () => {
    const { call, session } = outgoing()
    session.canReinvite = false
    await expect(call.hold()).rejects.toThrow('The call cannot be changed right now')
    await expect(call.resume()).rejects.toThrow('The call cannot be changed right now')
  })

  it.each([
    ['a trunk offering telephone-event', TRUNK_SDP, 'RFC2833'],
    ['a WebRTC peer', WEBRTC_SDP, 'INFO'],
    [
      'a WebRTC peer that also offers telephone-event',
      `${WEBRTC_SDP}a=rtpmap:101 telephone-event/8000\r\n`,
      'INFO',
    ],
    ['a peer with no SDP yet', '', 'INFO'],
  ])('DTMF to %s goes as %s', (_peer, sdp, transportType) => {
    const { call, session } = outgoing()
    session.connection!.remoteDescription = sdp ? { sdp } : null
    call.sendDtmf('1#')
    expect(session.sendDTMF).toHaveBeenCalledWith('1#', {
      transportType,
      duration: 100,
      interToneGap: 70,
    })
  })

  it('reports DTMF the other side sent, not our own', () => {
    const { call, session } = outgoing()
    const digits: string[] = []
    call.on('dtmf', (d) => digits.push(d))
    session.fire('newDTMF', { originator: 'remote', dtmf: { tone: '5' } })
    session.fire('newDTMF', { originator: 'local', dtmf: { tone: '9' } })
    expect(digits).toEqual(['5'])
  })

  it('publishes the remote audio once per stream, also for connections made later', () => {
    const session = new FakeSession({ direction: 'incoming', connection: null })
    const { call } = callOn(session)
    const streams: MediaStream[] = []
    call.on('remoteStream', (s) => streams.push(s))
    const pc = new FakePeerConnection()
    session.fire('peerconnection', { peerconnection: pc })
    const audio = fakeStream()
    pc.receive(audio)
    pc.receive(audio)
    expect(streams).toEqual([audio])
    expect(call.remoteStream).toBe(audio)
  })

  it('swaps in another microphone, keeping mute, and releases the old one', async () => {
    const { call, session } = outgoing()
    const old = session.connection!.senders[0]!.track!
    call.setMuted(true)
    const next = new FakeTrack()
    await call.replaceMicrophone(fakeStream([next]))
    expect(session.connection!.senders[0]!.replaceTrack).toHaveBeenCalledWith(next)
    expect(next.enabled).toBe(false)
    expect(old.stop).toHaveBeenCalled()
  })

  it('a new microphone on a held call stays silent until resumed', async () => {
    const { call, session } = outgoing()
    session.onHold = { local: true, remote: false }
    const next = new FakeTrack()
    await call.replaceMicrophone(fakeStream([next]))
    expect(next.enabled).toBe(false)
  })

  it('a microphone with nowhere to go is stopped at once', async () => {
    const { call, session } = outgoing()
    session.connection!.senders = [new FakeSender(new FakeTrack('video'))]
    const next = new FakeTrack()
    await call.replaceMicrophone(fakeStream([next]))
    expect(next.stop).toHaveBeenCalled()
  })

  it('sums the audio statistics for the quality hint', async () => {
    const { call, session } = outgoing()
    session.connection!.stats = [
      {
        type: 'inbound-rtp',
        kind: 'audio',
        packetsReceived: 900,
        packetsLost: 12,
        bytesReceived: 144_000,
        jitter: 0.004,
      },
      { type: 'inbound-rtp', kind: 'video', packetsReceived: 5 },
      { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.025 },
      { type: 'candidate-pair', nominated: false, currentRoundTripTime: 0.9 },
    ]
    const stats = await call.stats()
    expect(stats).toEqual({
      packetsReceived: 900,
      packetsLost: 12,
      bytesReceived: 144_000,
      jitterMs: 4,
      roundTripMs: 25,
    })
  })

  it('no connection yet: empty statistics', async () => {
    const { call } = callOn(new FakeSession({ connection: null }))
    expect(await call.stats()).toEqual({ packetsReceived: 0, packetsLost: 0, bytesReceived: 0 })
  })
})

describe('SipCall: blind transfer', () => {
  it('asks the other side to call a number in our domain and hangs up once it rings', async () => {
    const { call, session } = outgoing()
    const done = call.transfer('104')
    expect(session.referred!.target).toBe('sip:104@pbx.example')
    expect(session.terminate).not.toHaveBeenCalled()
    session.referred!.handlers.progress!({})
    await done
    expect(session.terminate).toHaveBeenCalledOnce()
  })

  it('a full SIP address is kept; an accepted REFER also completes it', async () => {
    const { call, session } = outgoing()
    const done = call.transfer('sip:bob@other.example')
    expect(session.referred!.target).toBe('sip:bob@other.example')
    session.referred!.handlers.accepted!({})
    await expect(done).resolves.toBeUndefined()
  })

  it('says why a transfer failed', async () => {
    const first = outgoing()
    const failed = first.call.transfer('104')
    first.session.referred!.handlers.failed!({ status_line: { reason_phrase: 'Not Found' } })
    await expect(failed).rejects.toThrow('Transfer failed: Not Found')

    const second = outgoing()
    const silent = second.call.transfer('104')
    second.session.referred!.handlers.failed!({})
    await expect(silent).rejects.toThrow('Transfer failed: the target did not answer')

    const third = outgoing()
    const refused = third.call.transfer('104')
    third.session.referred!.handlers.requestFailed!({ cause: 'Rejected' })
    await expect(refused).rejects.toThrow('Transfer failed: Rejected')
    const fourth = outgoing()
    const bare = fourth.call.transfer('104')
    fourth.session.referred!.handlers.requestFailed!({})
    await expect(bare).rejects.toThrow('Transfer failed: refused')
    expect(third.session.terminate).not.toHaveBeenCalled()
  })

  it('transferred by the other side: calls the target with copies of our live microphone', () => {
    const { call, session, adopted, microphone } = outgoing()
    const transferred: SipCall[] = []
    call.on('transferred', (c) => transferred.push(c))
    let offered: FakeMediaStream | undefined
    const accept = vi.fn((onNew: (s: unknown) => void, opts: { mediaStream: FakeMediaStream }) => {
      offered = opts.mediaStream
      onNew(new FakeSession({ user: '104' }))
    })
    session.fire('refer', { accept, reject: vi.fn() })
    expect(microphone).not.toHaveBeenCalled()
    expect(offered!.getTracks()).toHaveLength(1)
    expect(offered!.getTracks()[0]).not.toBe(session.connection!.senders[0]!.track)
    expect(transferred).toEqual(adopted)
    expect(transferred[0]!.remote.number).toBe('104')
  })

  it('with no live microphone it opens one, and declines the REFER if it cannot', async () => {
    const session = new FakeSession({ connection: null })
    const opened = fakeStream()
    const ok = callOn(session, { microphone: async () => opened })
    const accept = vi.fn()
    session.fire('refer', { accept, reject: vi.fn() })
    await vi.waitFor(() => expect(accept).toHaveBeenCalled())
    expect(accept.mock.calls[0]![1]).toMatchObject({ mediaStream: opened })
    expect(ok.adopted).toEqual([])

    const denied = new FakeSession({ connection: null })
    callOn(denied, { microphone: () => Promise.reject(new Error('NotAllowedError')) })
    const reject = vi.fn()
    denied.fire('refer', { accept: vi.fn(), reject })
    await vi.waitFor(() => expect(reject).toHaveBeenCalledOnce())
  })
})
