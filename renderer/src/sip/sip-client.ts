import { UA, WebSocketInterface } from 'jssip'
import type { RTCSession } from 'jssip/lib/RTCSession'
import type { IncomingRequest } from 'jssip/lib/SIPMessage'
import type {
  RTCSessionEvent,
  RTCSessionListener,
  UAConfiguration,
  UnRegisteredEvent,
} from 'jssip/lib/UA'
import { TypedEmitter } from './emitter'
import { SipCall } from './sip-call'
import type { DialOptions, RecoveryTriggers, RegistrationState, SipCredentials } from './types'

export type SipClientEvents = {
  state: (state: RegistrationState) => void
  /** A new incoming call; also while another call is active (call waiting). */
  incomingCall: (call: SipCall) => void
  /** A call this device placed because the other side transferred a call to it. */
  transferredCall: (call: SipCall) => void
}

export interface SipClientOptions {
  /** Signals that the network may have changed (online, resume from sleep). */
  recoveryTriggers?: RecoveryTriggers
  /** Registration lifetime in seconds; short enough that a crashed client is forgotten soon. */
  registerExpires?: number
  /** A stable id of this device (RFC 5626 `+sip.instance`). */
  instanceId?: string
  userAgent?: string
  getMicrophone?: () => Promise<MediaStream>
  /** Builds the JsSIP user agent; tests hand in a fake one that plays the server's part. */
  createUserAgent?: (config: UAConfiguration) => UA
}

// Responses that no retry will fix: wrong or revoked credentials.
const FINAL_CAUSES = new Set(['Authentication Error', 'Rejected', 'Forbidden', 'Not Found'])
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000]
const REVOKED_REASON =
  'This device is not allowed to register any more. It may have been revoked; activate it again.'

/**
 * The softphone's SIP user agent: JsSIP behind a small typed surface. Keeps
 * the registration alive by itself — WebSocket reconnects (JsSIP's own
 * recovery, tuned to 1–4 s), re-REGISTER after refused or timed-out
 * registrations with backoff, and a fresh REGISTER when the OS says the
 * network changed or the machine woke up.
 */
export class SipClient extends TypedEmitter<SipClientEvents> {
  private ua: UA | undefined
  private _state: RegistrationState = { kind: 'stopped' }
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private retryAttempt = 0
  private unsubscribeTriggers: (() => void) | undefined
  private readonly calls = new Set<SipCall>()
  /** Set by recover(): calls in progress restart ICE once the registration is back. */
  private restartIceWhenRegistered = false
  readonly domain: string

  constructor(
    private readonly credentials: SipCredentials,
    private readonly options: SipClientOptions = {},
  ) {
    super()
    this.domain = credentials.uri.replace(/^sips?:[^@]*@/, '').replace(/[;>].*$/, '')
  }

  get state(): RegistrationState {
    return this._state
  }

  get activeCalls(): SipCall[] {
    return [...this.calls]
  }

  start(): void {
    if (this.ua) return
    const config: UAConfiguration = {
      sockets: [new WebSocketInterface(this.credentials.wsUri)],
      uri: this.credentials.uri,
      authorization_user: this.credentials.authorizationUser,
      password: this.credentials.password,
      display_name: this.credentials.displayName,
      register: true,
      register_expires: this.options.registerExpires ?? 300,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 4,
      session_timers: false,
      user_agent: this.options.userAgent ?? 'phone.systems desktop',
      ...(this.options.instanceId ? { instance_id: this.options.instanceId } : {}),
    }
    const ua = (this.options.createUserAgent ?? ((c) => new UA(c)))(config)
    this.ua = ua
    // A stopped user agent can still answer late (a REGISTER in flight at
    // Sign out): only the current one may change the state, or a new
    // activation would find the line "registered" and never register.
    const current = () => this.ua === ua
    ua.on('connecting', () => {
      if (current() && this._state.kind === 'stopped') this.setState({ kind: 'connecting' })
    })
    ua.on('disconnected', (e) => {
      if (!current() || this._state.kind === 'failed' || this._state.kind === 'stopped') return
      const wasRegistered = this._state.kind === 'registered'
      this.setState({
        kind: 'reconnecting',
        reason: e.reason || (e.code ? `Connection closed (${e.code})` : 'Connection lost'),
        attempt: this._state.kind === 'reconnecting' ? this._state.attempt + 1 : 1,
      })
      // The first drop of a working connection is often a blip (a proxy
      // restart, a revoked device's socket closed): try again at once rather
      // than after JsSIP's randomised 1–2 s; its backoff takes over if that fails.
      if (wasRegistered) setTimeout(() => this.reconnectNow(), 0)
    })
    ua.on('registered', () => {
      if (!current()) return
      this.retryAttempt = 0
      this.setState({ kind: 'registered' })
      if (this.restartIceWhenRegistered) this.restartCallsIce()
    })
    ua.on('unregistered', () => {
      if (current() && this._state.kind === 'registered')
        this.setState({ kind: 'reconnecting', reason: 'Registration ended', attempt: 1 })
    })
    ua.on('registrationFailed', (e) => {
      if (current()) this.onRegistrationFailed(e)
    })
    ua.on('newRTCSession', ((e: RTCSessionEvent) => {
      if (current() && e.originator === 'remote')
        this.emit('incomingCall', this.track(e.session, e.request as IncomingRequest))
    }) as RTCSessionListener)
    this.setState({ kind: 'connecting' })
    ua.start()
    this.unsubscribeTriggers = this.options.recoveryTriggers?.subscribe((reason) =>
      this.recover(reason),
    )
  }

  /** Unregisters and closes the connection. */
  stop(): void {
    this.clearRetry()
    this.unsubscribeTriggers?.()
    this.unsubscribeTriggers = undefined
    for (const call of this.calls) call.hangup()
    this.ua?.stop()
    this.ua = undefined
    this.setState({ kind: 'stopped' })
  }

  /**
   * Re-establishes the registration now (network change, wake from sleep):
   * a REGISTER on a live socket, or a reconnect when the socket is dead.
   */
  recover(reason: string): void {
    const ua = this.ua
    if (!ua || this._state.kind === 'failed') return
    if (this._state.kind !== 'registered')
      this.setState({ kind: 'reconnecting', reason, attempt: 1 })
    if (this.calls.size > 0) this.restartIceWhenRegistered = true
    if (ua.isConnected()) ua.register()
    else this.reconnectNow()
  }

  private restartCallsIce(): void {
    this.restartIceWhenRegistered = false
    for (const call of this.calls)
      call.restartIce().catch((err: unknown) => console.warn('phone.systems: ICE restart', err))
  }

  /** Connects the WebSocket now instead of at JsSIP's next scheduled attempt. */
  private reconnectNow(): void {
    const ua = this.ua
    if (!ua || ua.isConnected() || this._state.kind === 'failed') return
    // JsSIP has no public "reconnect now"; its transport's connect() is safe to
    // call while a recovery attempt is scheduled (that attempt then does nothing).
    ;(ua as unknown as { _transport?: { connect(): void } })._transport?.connect()
  }

  /** Calls a number or SIP user in this domain. */
  async call(target: string, options: DialOptions = {}): Promise<SipCall> {
    const ua = this.ua
    if (!ua || this._state.kind !== 'registered')
      throw new Error('Not registered: wait for Ready before calling')
    const mediaStream = options.mediaStream ?? (await this.microphone())
    const uri = target.includes('@') ? target : `sip:${target}@${this.domain}`
    const extraHeaders = options.callerId
      ? [`P-Preferred-Identity: <sip:${options.callerId}@${this.domain}>`]
      : []
    // SipCall attaches the fast-ICE handler before the offer is created.
    const session = ua.call(uri, { mediaStream, pcConfig: { iceServers: [] }, extraHeaders })
    return this.track(session)
  }

  private microphone(): Promise<MediaStream> {
    return (
      this.options.getMicrophone?.() ??
      navigator.mediaDevices.getUserMedia({ audio: true, video: false })
    )
  }

  private track(session: RTCSession, invite?: IncomingRequest): SipCall {
    const call = new SipCall(
      session,
      () => this.microphone(),
      (next) => this.track(next),
      invite,
    )
    this.calls.add(call)
    call.on('ended', () => this.calls.delete(call))
    call.on('transferred', (next) => this.emit('transferredCall', next))
    return call
  }

  private onRegistrationFailed(e: UnRegisteredEvent): void {
    const status = e.response?.status_code
    const cause = String(e.cause ?? '')
    if (FINAL_CAUSES.has(cause) || status === 401 || status === 403 || status === 404) {
      this.fail(REVOKED_REASON)
      return
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.retryAttempt, RETRY_DELAYS_MS.length - 1)]!
    this.retryAttempt += 1
    this.setState({
      kind: 'reconnecting',
      reason: cause || `Registration failed (${status ?? 'no answer'})`,
      attempt: this.retryAttempt,
    })
    this.clearRetry()
    this.retryTimer = setTimeout(() => this.ua?.register(), delay)
  }

  /** Final: no retry will help, the user has to activate again. */
  private fail(reason: string): void {
    this.clearRetry()
    this.setState({ kind: 'failed', reason })
    this.ua?.stop()
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }

  private setState(state: RegistrationState): void {
    this._state = state
    this.emit('state', state)
  }
}
