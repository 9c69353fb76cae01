import type {
  DTMFListener,
  EndEvent,
  IncomingDTMFEvent,
  OutgoingDTMFEvent,
  ReferEvent,
  RTCSession,
} from 'jssip/lib/RTCSession'
import type { IncomingRequest, IncomingResponse } from 'jssip/lib/SIPMessage'
import { TypedEmitter } from './emitter'
import { fastIceHandler } from './fast-ice'
import type { CallDirection, CallEnd, CallParty, CallState, CallStats } from './types'

export type SipCallEvents = {
  state: (state: CallState) => void
  /** The other side's audio, to play through the chosen speaker. */
  remoteStream: (stream: MediaStream) => void
  ended: (end: CallEnd) => void
  /** A DTMF digit the other side sent (SIP INFO). */
  dtmf: (digit: string) => void
  /** The other side transferred this call (REFER): here is the new call to the target. */
  transferred: (call: SipCall) => void
}

/**
 * One call, wrapping a JsSIP RTCSession. Everything the UI needs is a state
 * and a handful of verbs; JsSIP's dozens of events stay in here.
 */
export class SipCall extends TypedEmitter<SipCallEvents> {
  readonly direction: CallDirection
  readonly remote: CallParty
  private _state: CallState
  private _muted = false
  private _end: CallEnd | undefined
  private remoteMedia: MediaStream | undefined

  constructor(
    readonly session: RTCSession,
    private readonly getMicrophone: () => Promise<MediaStream>,
    /** Wraps a session this call gives rise to (the new leg of a transfer). */
    private readonly adopt: (session: RTCSession) => SipCall,
    /** The INVITE of an incoming call, for what the SIP server asserts about the caller. */
    invite?: IncomingRequest,
  ) {
    super()
    this.direction = session.direction === 'incoming' ? 'incoming' : 'outgoing'
    const identity = session.remote_identity
    this.remote = {
      number: assertedUser(invite) ?? identity.uri.user ?? '',
      displayName: identity.display_name ?? '',
    }
    this._state = this.direction === 'incoming' ? 'ringing' : 'dialing'
    session.on('icecandidate', fastIceHandler())
    session.on('peerconnection', ({ peerconnection }) => this.watchTracks(peerconnection))
    session.on('confirmed', () => this.setState('active'))
    session.on('hold', ({ originator }) => {
      if (originator === 'local') this.setState('held')
    })
    session.on('unhold', ({ originator }) => {
      if (originator === 'local') this.setState('active')
    })
    session.on('refer', (e) => this.acceptTransfer(e))
    session.on('newDTMF', ((e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
      if (e.originator === 'remote') this.emit('dtmf', e.dtmf.tone)
    }) as DTMFListener)
    // Outgoing calls have their connection before the first event; watch it now.
    if (session.connection) this.watchTracks(session.connection)
    const end = (by: EndEvent) => this.finish(by)
    session.on('ended', end)
    session.on('failed', end)
  }

  get state(): CallState {
    return this._state
  }

  get muted(): boolean {
    return this._muted
  }

  get end(): CallEnd | undefined {
    return this._end
  }

  /** The other side's audio, once it arrived. */
  get remoteStream(): MediaStream | undefined {
    return this.remoteMedia
  }

  /** When the call was answered, for the duration shown in a call. */
  get startedAt(): Date | undefined {
    return this.session.start_time ?? undefined
  }

  async answer(mediaStream?: MediaStream): Promise<void> {
    if (this._state !== 'ringing') return
    const stream = mediaStream ?? (await this.getMicrophone())
    this.session.answer({ mediaStream: stream, pcConfig: { iceServers: [] } })
  }

  /** `Decline` an incoming call: 486 Busy Here, so the caller's other forks stop too. */
  decline(): void {
    if (this._state !== 'ringing') return
    this.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' })
  }

  /** `Hang up`: cancels an unanswered outgoing call, ends an answered one. */
  hangup(): void {
    if (this._state === 'ended') return
    this.session.terminate()
  }

  setMuted(muted: boolean): void {
    if (muted) this.session.mute({ audio: true })
    else this.session.unmute({ audio: true })
    this._muted = muted
  }

  /** Resolves once the re-INVITE is answered, so the UI shows `held` only when it is. */
  hold(): Promise<void> {
    return this.reinvite((done) => this.session.hold({}, done))
  }

  resume(): Promise<void> {
    return this.reinvite((done) => this.session.unhold({}, done))
  }

  /**
   * A re-INVITE with fresh ICE candidates, after the network under the call
   * changed (wake from sleep, another Wi-Fi): the old candidate pairs are
   * gone, and without new ones the call stays connected in SIP but silent.
   */
  restartIce(): Promise<void> {
    if (this._state !== 'active' && this._state !== 'held') return Promise.resolve()
    return this.reinvite((done) =>
      this.session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }, done),
    )
  }

  /**
   * Sends DTMF as RFC 4733 telephone-events in the RTP stream when the
   * peer negotiated them (trunks, IVRs), else as SIP INFO, which a
   * browser-based peer can read: WebRTC gives pages no access to received
   * RFC 4733 events.
   */
  sendDtmf(digits: string): void {
    const sdp = this.session.connection?.remoteDescription?.sdp ?? ''
    const peerIsWebRtc = /a=fingerprint:/i.test(sdp) && /UDP\/TLS\/RTP\/SAVPF/.test(sdp)
    const rfc4733 = /telephone-event/i.test(sdp) && !peerIsWebRtc
    this.session.sendDTMF(digits, {
      transportType: (rfc4733 ? 'RFC2833' : 'INFO') as never,
      duration: 100,
      interToneGap: 70,
    })
  }

  /**
   * Swaps the microphone under a live call (another input device chosen)
   * without renegotiating: `replaceTrack` keeps the call and its SDP as they
   * are. The new track inherits mute and hold, and the old one is stopped so
   * the device it held is released.
   */
  async replaceMicrophone(stream: MediaStream): Promise<void> {
    const track = stream.getAudioTracks()[0]
    const sender = this.session.connection?.getSenders().find((s) => s.track?.kind === 'audio')
    if (!track || !sender) {
      for (const t of stream.getTracks()) t.stop()
      return
    }
    const old = sender.track
    track.enabled = !this._muted && !this.session.isOnHold().local
    await sender.replaceTrack(track)
    old?.stop()
  }

  /**
   * Figures for a call-quality hint: loss and jitter of what arrives, the
   * round trip as the ICE pair measured it. Cumulative since the call began;
   * the caller compares two readings for a recent picture.
   */
  async stats(): Promise<CallStats> {
    const result: CallStats = { packetsReceived: 0, packetsLost: 0, bytesReceived: 0 }
    const pc = this.session.connection
    if (!pc) return result
    const report = await pc.getStats()
    report.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        result.packetsReceived += Number(s.packetsReceived ?? 0)
        result.packetsLost += Number(s.packetsLost ?? 0)
        result.bytesReceived += Number(s.bytesReceived ?? 0)
        if (typeof s.jitter === 'number') result.jitterMs = s.jitter * 1000
      }
      if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number')
        result.roundTripMs = s.currentRoundTripTime * 1000
    })
    return result
  }

  /**
   * Blind transfer (REFER): the other side is asked to call `target`. Once
   * it reports that the target rings or answered (NOTIFY 1xx/2xx), this side
   * hangs up and the two talk without us. Hanging up on the 202 alone would
   * race the other side's new call against our BYE.
   */
  transfer(target: string): Promise<void> {
    const domain = this.session.local_identity.uri.host
    const uri = target.includes('@') ? target : `sip:${target}@${domain}`
    return new Promise((resolve, reject) => {
      const done = () => {
        this.hangup()
        resolve()
      }
      const refused = (why: string) => reject(new Error(`Transfer failed: ${why}`))
      this.session.refer(uri, {
        eventHandlers: {
          progress: done,
          accepted: done,
          failed: (e: { status_line?: { status_code?: number; reason_phrase?: string } }) =>
            refused(e.status_line?.reason_phrase ?? 'the target did not answer'),
          requestFailed: (e: { cause?: string }) => refused(e.cause ?? 'refused'),
        },
      })
    })
  }

  /**
   * Blind transfer from the other side: call the target as asked, at once
   * and with the microphone this call already has, so the new call is under
   * way before the other side hangs this one up.
   */
  private acceptTransfer(e: ReferEvent): void {
    const accept = (mediaStream: MediaStream) =>
      e.accept((session: RTCSession) => this.emit('transferred', this.adopt(session)), {
        mediaStream,
        pcConfig: { iceServers: [] },
      })
    const tracks = this.session.connection
      ?.getSenders()
      .map((sender) => sender.track)
      .filter((track): track is MediaStreamTrack => track?.readyState === 'live')
    if (tracks?.length) accept(new MediaStream(tracks.map((t) => t.clone())))
    else this.getMicrophone().then(accept, () => e.reject())
  }

  private reinvite(start: (done: () => void) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!start(resolve)) reject(new Error('The call cannot be changed right now'))
    })
  }

  private setState(state: CallState): void {
    if (this._state === state || this._state === 'ended') return
    this._state = state
    this.emit('state', state)
  }

  private watchTracks(pc: RTCPeerConnection): void {
    const publish = (stream: MediaStream) => {
      if (this.remoteMedia === stream) return
      this.remoteMedia = stream
      this.emit('remoteStream', stream)
    }
    pc.addEventListener('track', (e) => publish(e.streams[0] ?? new MediaStream([e.track])))
  }

  private finish(e: EndEvent): void {
    if (this._state === 'ended') return
    const response = e.message as IncomingResponse | undefined
    this._end = {
      by: e.originator === 'local' ? 'local' : e.originator === 'remote' ? 'remote' : 'system',
      cause: e.cause,
      ...(response && typeof response.status_code === 'number'
        ? { statusCode: response.status_code, reasonPhrase: response.reason_phrase }
        : {}),
      ...(answeredElsewhere(e) ? { answeredElsewhere: true } : {}),
    }
    this.releaseMicrophone()
    this._state = 'ended'
    this.emit('state', 'ended')
    this.emit('ended', this._end)
  }

  /**
   * JsSIP stops only microphones it opened itself; ours come from the
   * client (the chosen input device), so without this the device stays in
   * use, recording light on, after the call.
   */
  private releaseMicrophone(): void {
    for (const sender of this.session.connection?.getSenders() ?? []) sender.track?.stop()
  }
}

/**
 * Who the SIP server says is calling (`P-Asserted-Identity`): a colleague's
 * internal number rather than the address of record in From, or the
 * caller's number on a call from the trunk. The server removes what devices
 * put there themselves, so it can be shown and called back.
 */
function assertedUser(invite: IncomingRequest | undefined): string | undefined {
  const header = invite?.getHeader('P-Asserted-Identity')
  return header ? /sips?:([^@;>]+)@/i.exec(header)?.[1] : undefined
}

/**
 * A CANCEL with `Reason: SIP;cause=200` (RFC 3326): another device of the
 * same user answered, so this ring was not a missed call.
 */
function answeredElsewhere(e: EndEvent): boolean {
  if (e.originator !== 'remote' || e.cause !== 'Canceled') return false
  const message = e.message as { getHeader?: (name: string) => string | undefined } | undefined
  const reason = message?.getHeader?.('Reason') ?? ''
  return /cause\s*=\s*200\b/i.test(reason)
}
