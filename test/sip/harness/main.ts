/**
 * A page that drives the softphone's SIP layer for tests and benchmarks:
 * Playwright calls `window.harness.*` and reads back what happened. It uses
 * `renderer/src/sip` exactly as the app's stores do; the `bare*` functions
 * are plain JsSIP with default settings, the baseline of the benchmarks.
 */
import { UA, WebSocketInterface, debug as jssipDebug } from 'jssip'
import type { RTCSession } from 'jssip/lib/RTCSession'
import {
  SipClient,
  type SipCall,
  type SipCredentials,
  type RegistrationState,
} from '../../../renderer/src/sip'

// `?debug` turns on JsSIP's own log in the page console, for a test that needs a closer look.
if (location.search.includes('debug')) jssipDebug.enable('JsSIP:*')

let client: SipClient | undefined
const calls: SipCall[] = []
const states: RegistrationState['kind'][] = []
const dtmf: string[] = []
const timings: Record<string, number> = {}
/** Epoch milliseconds with sub-millisecond precision, comparable across pages. */
const epoch = () => performance.timeOrigin + performance.now()
let autoAnswer = false

function current(): SipCall {
  const call = [...calls].reverse().find((c) => c.state !== 'ended')
  if (!call) throw new Error('no call in progress')
  return call
}

function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const tick = () => {
      if (check()) resolve()
      else if (performance.now() - started > timeoutMs) reject(new Error('timed out'))
      else setTimeout(tick, 5)
    }
    tick()
  })
}

function adopt(call: SipCall): number {
  calls.push(call)
  call.on('dtmf', (digit) => dtmf.push(digit))
  call.on('remoteStream', (stream) => {
    // Play it: Chromium only decodes (and counts) audio that goes somewhere.
    const audio = new Audio()
    audio.srcObject = stream
    void audio.play().catch(() => undefined)
  })
  return calls.length - 1
}

async function inboundAudioBytes(index?: number): Promise<number> {
  const call = index === undefined ? current() : calls[index]!
  const stats = await call.session.connection.getStats()
  let bytes = 0
  stats.forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0
  })
  return bytes
}

const harness = {
  async register(
    credentials: SipCredentials,
    options: { autoAnswer?: boolean } = {},
  ): Promise<void> {
    autoAnswer = options.autoAnswer ?? false
    client = new SipClient(credentials, { registerExpires: 60 })
    client.on('state', (s) => states.push(s.kind))
    client.on('incomingCall', (call) => {
      timings.incomingAt = epoch()
      adopt(call)
      if (autoAnswer) void call.answer()
    })
    client.on('transferredCall', (call) => adopt(call))
    client.start()
    await waitFor(() => client?.state.kind === 'registered')
  },
  state: () => client?.state,
  states: () => [...states],
  stop: () => client?.stop(),
  recover: (reason: string) => client?.recover(reason),
  async call(target: string, callerId?: string): Promise<number> {
    const call = await client!.call(target, callerId ? { callerId } : {})
    return adopt(call)
  },
  /**
   * Click `Call` → confirmed, in ms, as a person would experience it; also
   * when the INVITE left (epoch ms), for INVITE → ringing on the other page.
   * Hangs up afterwards.
   */
  async timedCall(target: string): Promise<{ confirmedMs: number; inviteSentAt: number }> {
    const started = performance.now()
    const call = await client!.call(target)
    let inviteSentAt = 0
    call.session.on('sending', () => (inviteSentAt = epoch()))
    adopt(call)
    await waitFor(() => call.state === 'active' || call.state === 'ended')
    if (call.state !== 'active') throw new Error(`call failed: ${call.end?.cause}`)
    const confirmedMs = performance.now() - started
    call.hangup()
    return { confirmedMs, inviteSentAt }
  },
  callState: (index?: number) => (index === undefined ? calls.at(-1) : calls[index])?.state,
  callEnd: (index?: number) => (index === undefined ? calls.at(-1) : calls[index])?.end,
  callCount: () => calls.length,
  incomingCount: () => calls.filter((c) => c.direction === 'incoming').length,
  remoteNumber: (index?: number) =>
    (index === undefined ? calls.at(-1) : calls[index])?.remote.number,
  waitForCallState: (state: string, index?: number, timeoutMs?: number) =>
    waitFor(() => (index === undefined ? calls.at(-1) : calls[index])?.state === state, timeoutMs),
  waitForIncoming: (count = 1, timeoutMs?: number) =>
    waitFor(() => calls.filter((c) => c.direction === 'incoming').length >= count, timeoutMs),
  answer: (index?: number) => (index === undefined ? calls.at(-1)! : calls[index]!).answer(),
  /** Answers the newest ringing call after putting the active one on hold (call waiting). */
  async answerWaiting(): Promise<void> {
    const active = calls.find((c) => c.state === 'active')
    if (active) await active.hold()
    await calls.at(-1)!.answer()
  },
  decline: (index?: number) => (index === undefined ? calls.at(-1)! : calls[index]!).decline(),
  hangup: (index?: number) => (index === undefined ? current() : calls[index]!).hangup(),
  hold: (index?: number) => (index === undefined ? current() : calls[index]!).hold(),
  resume: (index?: number) => (index === undefined ? current() : calls[index]!).resume(),
  mute: (muted: boolean) => current().setMuted(muted),
  /** Whether the microphone track actually sent to the other side is off. */
  micSilenced: () =>
    current()
      .session.connection.getSenders()
      .every((s) => !s.track || !s.track.enabled),
  sendDtmf: (digits: string) => current().sendDtmf(digits),
  transfer: (target: string) => current().transfer(target),
  receivedDtmf: () => dtmf.join(''),
  inboundAudioBytes,
  timings: () => ({ ...timings }),

  // Baseline: JsSIP as its README shows it, default settings, no tuning.
  bareUa: undefined as UA | undefined,
  bareDomain: '',
  /** Resolves with the milliseconds from start() to the `registered` event. */
  async bareRegister(credentials: SipCredentials): Promise<number> {
    const started = performance.now()
    const ua = new UA({
      sockets: [new WebSocketInterface(credentials.wsUri)],
      uri: credentials.uri,
      authorization_user: credentials.authorizationUser,
      password: credentials.password,
    })
    harness.bareUa = ua
    harness.bareDomain = credentials.uri.replace(/^sip:[^@]*@/, '')
    let registeredAt = 0
    ua.on('registered', () => (registeredAt ||= performance.now()))
    ua.on('newRTCSession', (e: { originator: string; session: RTCSession }) => {
      if (e.originator === 'remote') {
        timings.incomingAt = epoch()
        e.session.answer({ mediaConstraints: { audio: true, video: false } })
      }
    })
    ua.start()
    await waitFor(() => registeredAt > 0)
    return registeredAt - started
  },
  async bareTimedCall(target: string): Promise<{ confirmedMs: number; inviteSentAt: number }> {
    const ua = harness.bareUa!
    const domain = harness.bareDomain
    const started = performance.now()
    let inviteSentAt = 0
    const session = ua.call(`sip:${target}@${domain}`, {
      mediaConstraints: { audio: true, video: false },
      eventHandlers: { sending: () => (inviteSentAt = epoch()) },
    })
    await waitFor(() => session.isEstablished() || session.isEnded())
    if (!session.isEstablished()) throw new Error('bare call failed')
    const confirmedMs = performance.now() - started
    session.terminate()
    return { confirmedMs, inviteSentAt }
  },
}

declare global {
  interface Window {
    harness: typeof harness
  }
}
window.harness = harness
