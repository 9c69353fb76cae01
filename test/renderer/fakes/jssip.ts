import type { RTCSession } from 'jssip/lib/RTCSession'
import type { UA, UAConfiguration } from 'jssip/lib/UA'
import { vi } from 'vitest'

/**
 * Stand-ins for the parts of JsSIP the SIP layer talks to. A test plays the
 * SIP server's part by firing the events JsSIP would fire (`registered`,
 * `confirmed`, `failed` …) and reads what the layer asked JsSIP to do from
 * the spies. Real calls through Kamailio are tested in test/sip and test/e2e.
 */
type Listener = (...args: never[]) => void

class Events {
  private readonly listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  /** What JsSIP would emit. */
  fire(event: string, payload: unknown = {}): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (p: unknown) => void)(payload)
  }
}

export class FakeTrack {
  enabled = true
  readyState: 'live' | 'ended' = 'live'
  constructor(readonly kind: 'audio' | 'video' = 'audio') {}
  stop = vi.fn(() => {
    this.readyState = 'ended'
  })
  clone(): FakeTrack {
    return new FakeTrack(this.kind)
  }
}

/** Chromium's MediaStream, which happy-dom lacks: only the track list matters here. */
export class FakeMediaStream {
  constructor(private readonly tracks: FakeTrack[] = [new FakeTrack()]) {}
  getTracks(): FakeTrack[] {
    return this.tracks
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio')
  }
}

export function fakeStream(tracks?: FakeTrack[]): MediaStream {
  return new FakeMediaStream(tracks) as unknown as MediaStream
}

export class FakeSender {
  constructor(public track: FakeTrack | null) {}
  replaceTrack = vi.fn(async (track: FakeTrack | null) => {
    this.track = track
  })
}

export class FakePeerConnection {
  senders: FakeSender[] = [new FakeSender(new FakeTrack())]
  remoteDescription: { sdp: string } | null = null
  stats: Record<string, unknown>[] = []
  private readonly trackListeners: ((e: unknown) => void)[] = []

  getSenders(): FakeSender[] {
    return this.senders
  }
  addEventListener(event: string, listener: (e: unknown) => void): void {
    if (event === 'track') this.trackListeners.push(listener)
  }
  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    return new Map(this.stats.map((s, i) => [String(i), s]))
  }
  /** The other side's audio arrives. */
  receive(stream: MediaStream): void {
    for (const l of this.trackListeners) l({ streams: [stream], track: new FakeTrack() })
  }
}

export class FakeSession extends Events {
  direction: 'incoming' | 'outgoing'
  remote_identity: { uri: { user: string }; display_name: string }
  local_identity = { uri: { host: 'pbx.example' } }
  connection: FakePeerConnection | null
  start_time: Date | undefined
  /** What hold()/unhold() return: false when JsSIP refuses (another re-INVITE under way). */
  canReinvite = true
  onHold = { local: false, remote: false }
  /** The callback JsSIP calls when the re-INVITE was answered. */
  pendingReinvite: (() => void) | undefined
  referred: { target: string; handlers: Record<string, (e: unknown) => void> } | undefined

  constructor(
    opts: {
      direction?: 'incoming' | 'outgoing'
      user?: string
      displayName?: string
      connection?: FakePeerConnection | null
    } = {},
  ) {
    super()
    this.direction = opts.direction ?? 'outgoing'
    this.remote_identity = {
      uri: { user: opts.user ?? '102' },
      display_name: opts.displayName ?? '',
    }
    this.connection = opts.connection === undefined ? new FakePeerConnection() : opts.connection
  }

  answer = vi.fn()
  terminate = vi.fn()
  mute = vi.fn()
  unmute = vi.fn()
  sendDTMF = vi.fn()
  hold = vi.fn((_opts: unknown, done: () => void) => {
    this.pendingReinvite = done
    return this.canReinvite
  })
  unhold = vi.fn((_opts: unknown, done: () => void) => {
    this.pendingReinvite = done
    return this.canReinvite
  })
  renegotiate = vi.fn((_opts: unknown, done: () => void) => {
    this.pendingReinvite = done
    return this.canReinvite
  })
  refer = vi.fn((target: string, opts: { eventHandlers: Record<string, (e: unknown) => void> }) => {
    this.referred = { target, handlers: opts.eventHandlers }
  })
  isOnHold(): { local: boolean; remote: boolean } {
    return this.onHold
  }

  /** The other side answered the re-INVITE of hold()/resume(); JsSIP then fires hold/unhold. */
  reinviteAnswered(event: 'hold' | 'unhold'): void {
    this.onHold = { ...this.onHold, local: event === 'hold' }
    this.fire(event, { originator: 'local' })
    this.pendingReinvite?.()
  }

  asJsSip(): RTCSession {
    return this as unknown as RTCSession
  }
}

/** An INVITE, for the headers the call reads (P-Asserted-Identity). */
export function fakeInvite(headers: Record<string, string> = {}) {
  return { getHeader: (name: string) => headers[name] }
}

export class FakeUA extends Events {
  /** Every user agent built, newest last, for tests that cannot reach the factory. */
  static readonly built: FakeUA[] = []
  connected = true
  readonly placed: { target: string; options: Record<string, unknown>; session: FakeSession }[] = []
  readonly _transport = { connect: vi.fn() }

  constructor(readonly config: UAConfiguration) {
    super()
    FakeUA.built.push(this)
  }

  start = vi.fn()
  stop = vi.fn()
  register = vi.fn()
  isConnected(): boolean {
    return this.connected
  }
  call = vi.fn((target: string, options: Record<string, unknown>) => {
    const user = /^sips?:([^@]+)@/.exec(target)?.[1] ?? target
    const session = new FakeSession({ direction: 'outgoing', user })
    this.placed.push({ target, options, session })
    // JsSIP announces its own outgoing sessions too, before call() returns.
    this.fire('newRTCSession', { originator: 'local', session, request: {} })
    return session
  })

  /** A call arrives: JsSIP's newRTCSession for a remote originator. */
  ring(session: FakeSession, invite = fakeInvite()): void {
    this.fire('newRTCSession', { originator: 'remote', session, request: invite })
  }

  asJsSip(): UA {
    return this as unknown as UA
  }
}
