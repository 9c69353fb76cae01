export { SipClient, type SipClientEvents, type SipClientOptions } from './sip-client'
export { SipCall, type SipCallEvents } from './sip-call'
export { browserRecoveryTriggers, mergeTriggers } from './recovery-triggers'
export type * from './types'
