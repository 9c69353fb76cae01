/** What the platform hands a device at activation (`POST /api/activations` → `sip`). */
export type { SipCredentials } from '@shared/schemas/activation'

/**
 * The registration as a person would describe it. `reconnecting` carries why,
 * `failed` is final until new credentials (e.g. the device was revoked).
 */
export type RegistrationState =
  | { kind: 'stopped' }
  | { kind: 'connecting' }
  | { kind: 'registered' }
  | { kind: 'reconnecting'; reason: string; attempt: number }
  | { kind: 'failed'; reason: string }

export type CallDirection = 'incoming' | 'outgoing'

/** ringing: incoming, not answered; dialing: outgoing, before an answer. */
export type CallState = 'ringing' | 'dialing' | 'active' | 'held' | 'ended'

export interface CallParty {
  /** The user part of the remote URI: an internal number, a DID or a SIP user. */
  number: string
  displayName: string
}

export interface CallEnd {
  /** Who ended it: this side, the other side, or the network. */
  by: 'local' | 'remote' | 'system'
  /** JsSIP's cause, e.g. `Terminated`, `Busy`, `Rejected`, `Canceled`, `Forbidden`. */
  cause: string
  /** The SIP status code of a failed call, when there was one (403, 486, …). */
  statusCode?: number
  reasonPhrase?: string
  /** An incoming call another device of the same user answered (CANCEL with cause 200). */
  answeredElsewhere?: boolean
}

/** Raw figures behind a call-quality hint, cumulative since the call began. */
export interface CallStats {
  packetsReceived: number
  packetsLost: number
  bytesReceived: number
  /** Interarrival jitter of received audio, when known. */
  jitterMs?: number
  /** Round trip of the selected ICE candidate pair, when measured. */
  roundTripMs?: number
}

export interface DialOptions {
  /** The caller ID to present; the SIP server replaces one not on the line's list by the default. */
  callerId?: string
  /** The microphone; by default `getUserMedia({audio: true})`. */
  mediaStream?: MediaStream
}

/** Environment hooks that tell the client the network may have changed under it. */
export interface RecoveryTriggers {
  /** Subscribes `recover` to OS/browser signals; returns an unsubscribe function. */
  subscribe(recover: (reason: string) => void): () => void
}
