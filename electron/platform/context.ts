import type { Database } from './db/connection'
import type { PlatformConfig } from './config'
import type { InvitationDispatcher } from './invitations/dispatcher'
import type { AttemptLimits } from './security/attempt-limits'
import type { KamailioRpc } from './sip/kamailio-rpc'

/** What every service needs, built once in `createPlatform`. */
export interface PlatformContext {
  db: Database
  config: PlatformConfig & { publicUrl: string }
  dispatcher: InvitationDispatcher
  /** Sign-in and activation attempts, per client address and account or code (security/limits.ts). */
  limits: AttemptLimits
  now(): number
  /** Told when a device's SIP credentials are removed, so live registrations can be dropped. */
  onDeviceRevoked(sipUsername: string): void
  /** Kamailio's control channel, once the SIP edge is up; undefined without a Kamailio to reach. */
  sipRpc: KamailioRpc | undefined
}
