import { onBeforeUnmount, watch } from 'vue'
import { bridge, type PhoneStatus } from '../bridge'
import type { RegistrationState } from '../sip'
import { usePhoneStore } from '../stores/phone'
import type { CallAction, IncomingCallNotice } from './composables/useCallNotifications'
import { useHistoryStore } from './stores/history'
import { useSettingsStore } from './stores/settings'

/** What the tray says for a registration state. */
export function phoneStatus(registration: RegistrationState, doNotDisturb: boolean): PhoneStatus {
  if (registration.kind === 'registered') return doNotDisturb ? 'do-not-disturb' : 'ready'
  if (registration.kind === 'connecting' || registration.kind === 'reconnecting')
    return 'connecting'
  return 'offline'
}

/**
 * Incoming-call notices in the desktop app: main shows the OS notification
 * (or the ring window where notifications have no buttons) and hands back
 * what the person chose, so the page shows no web notification of its own.
 * Same shape as useCallNotifications, which the browser build uses.
 */
export function desktopCallNotifications(onAction: (callId: number, action: CallAction) => void) {
  const callers = new Map<number, string>()
  const stop = bridge.phone.onCallAction(({ id, action }) =>
    onAction(Number(id), action === 'show' ? 'open' : action),
  )
  return {
    show(call: IncomingCallNotice): Promise<void> {
      const caller = call.displayName ? `${call.displayName} (${call.number})` : call.number
      callers.set(call.callId, caller)
      bridge.phone.incoming(String(call.callId), caller)
      return Promise.resolve()
    },
    clear(callId: number): Promise<void> {
      const caller = callers.get(callId)
      callers.delete(callId)
      if (caller !== undefined) bridge.phone.settled(String(callId), caller, false)
      return Promise.resolve()
    },
    dispose(): void {
      stop()
      for (const id of [...callers.keys()]) void this.clear(id)
    },
  }
}

/**
 * Keeps the OS side current while the softphone is open: the tray's status
 * and missed-call badge, whether a call is in progress (updates never
 * restart during one), `Do not disturb` chosen from the tray, and a
 * missed-call notification when a call rang out unanswered.
 */
export function useDesktopStatus(): void {
  if (bridge.kind !== 'electron') return
  const phone = usePhoneStore()
  const history = useHistoryStore()
  const settingsStore = useSettingsStore()

  watch(
    () =>
      [
        phoneStatus(phone.registration, settingsStore.settings.doNotDisturb),
        history.missedCount,
      ] as const,
    ([status, missed]) => bridge.phone.reportStatus(status, missed),
    { immediate: true },
  )
  watch(
    () => phone.calls.length > 0,
    (active) => bridge.phone.callActive(active),
    { immediate: true },
  )
  const stopDnd = bridge.phone.onDoNotDisturb((on) => (settingsStore.settings.doNotDisturb = on))
  const stopMissed = phone.onCallEnded((call) => {
    // history.record ran first (useCallLifecycle subscribes before this).
    const last = history.lastEnded
    if (last?.outcome !== 'missed') return
    const caller = call.displayName ? `${call.displayName} (${call.number})` : call.number
    bridge.phone.settled(String(call.id), caller, true)
  })
  onBeforeUnmount(() => {
    stopDnd()
    stopMissed()
  })
}
