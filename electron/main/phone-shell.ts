import type { PhoneStatus } from '@shared/ipc/contract'
import type { PhoneShell } from './ipc/handlers'

type Action = 'show' | 'answer' | 'decline'

export interface PhoneShellDeps {
  tray: { setStatus(status: PhoneStatus): void; setMissedCalls(count: number): void }
  badge(count: number): void
  /** The OS notification with Answer/Decline, or the ring window where those buttons do not work. */
  ring(call: { id: string; caller: string }, choose: (action: Action) => void): { close(): void }
  missed(caller: string, count: number): void
  /** Whether the person is looking at the softphone already (then its own screen rings). */
  softphoneFocused(): boolean
  showSoftphone(): void
  /** Hands a choice made outside the softphone window back to it. */
  tellSoftphone(call: { id: string; action: Action }): void
}

/**
 * The OS side of the softphone's calls: the tray and badge follow the status
 * the renderer reports; a call ringing while the window is not in front gets
 * a notification or ring window, closed as soon as it stops ringing; a missed
 * one leaves a notification; what the person clicks goes back to the
 * softphone, which owns the call. `callActive()` is what updates ask before
 * restarting.
 */
export function createPhoneShell(deps: PhoneShellDeps): PhoneShell & { callActive(): boolean } {
  const ringing = new Map<string, { close(): void }>()
  let missedCalls = 0
  let active = false

  function act(call: { id: string; action: Action }): void {
    if (call.action !== 'decline') deps.showSoftphone()
    deps.tellSoftphone(call)
  }

  return {
    setStatus(status, missed) {
      deps.tray.setStatus(status)
      if (missed !== missedCalls) {
        missedCalls = missed
        deps.tray.setMissedCalls(missed)
        deps.badge(missed)
      }
    },
    incoming(call) {
      if (ringing.has(call.id) || deps.softphoneFocused()) return
      ringing.set(
        call.id,
        deps.ring(call, (action) => act({ id: call.id, action })),
      )
    },
    settled(call) {
      ringing.get(call.id)?.close()
      ringing.delete(call.id)
      if (call.missed) deps.missed(call.caller, Math.max(missedCalls, 1))
    },
    act,
    setCallActive(on) {
      active = on
    },
    callActive: () => active,
  }
}
