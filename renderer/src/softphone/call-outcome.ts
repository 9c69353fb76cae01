import type { CallDirection, CallEnd } from '../sip/types'

/** How a call ended, as the history shows it. */
export type CallOutcome =
  'answered' | 'missed' | 'declined' | 'answered-elsewhere' | 'cancelled' | 'busy' | 'failed'

export interface EndedCall {
  direction: CallDirection
  answeredAt: number | null
  end: CallEnd | null
}

/**
 * Missed means someone tried to reach you and nobody did: an incoming call
 * that stopped ringing without being answered here or on another device,
 * or one this device turned away because of do-not-disturb.
 */
export function callOutcome(call: EndedCall, opts: { doNotDisturb?: boolean } = {}): CallOutcome {
  if (call.answeredAt !== null) return 'answered'
  const end = call.end
  if (call.direction === 'incoming') {
    if (end?.answeredElsewhere) return 'answered-elsewhere'
    if (opts.doNotDisturb) return 'missed'
    return end?.by === 'local' ? 'declined' : 'missed'
  }
  if (end?.by === 'local') return 'cancelled'
  if (end?.statusCode === 486 || end?.statusCode === 600) return 'busy'
  if (end?.statusCode === 603) return 'declined'
  return 'failed'
}

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  answered: 'Answered',
  missed: 'Missed call',
  declined: 'Declined',
  'answered-elsewhere': 'Answered on another device',
  cancelled: 'Cancelled',
  busy: 'Busy',
  failed: 'Not connected',
}
