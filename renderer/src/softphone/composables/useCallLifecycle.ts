import { onBeforeUnmount, watch } from 'vue'
import { usePhoneStore } from '../../stores/phone'
import { useHistoryStore } from '../stores/history'
import { useSettingsStore } from '../stores/settings'
import { bridge } from '../../bridge'
import { desktopCallNotifications, useDesktopStatus } from '../desktop-shell'
import { useCallNotifications, type CallAction } from './useCallNotifications'
import { useRingtone } from './useRingtone'

/**
 * What happens around calls while the softphone is open, in one place:
 * ringing calls ring (or are turned away under do-not-disturb) and get a
 * system notification whose buttons work; calls that end go into the
 * history; the chosen microphone follows the setting, also mid-call.
 */
export function useCallLifecycle() {
  const phone = usePhoneStore()
  const history = useHistoryStore()
  const settingsStore = useSettingsStore()
  const ringtone = useRingtone()
  const turnedAway = new Set<number>()
  const notified = new Set<number>()

  const onAction = (callId: number, action: CallAction) => {
    const call = phone.ringing.find((c) => c.id === callId)
    if (!call) return
    if (action === 'answer') void phone.answer(call).catch(() => undefined)
    else if (action === 'decline') phone.decline(call)
  }
  // The desktop app's notifications come from main (OS notification or ring window).
  const notifications =
    bridge.kind === 'electron' ? desktopCallNotifications(onAction) : useCallNotifications(onAction)

  const stopRecording = phone.onCallEnded((call) => {
    history.record(call, { doNotDisturb: turnedAway.delete(call.id) })
  })
  useDesktopStatus()

  watch(
    () => phone.ringing.map((c) => c.id),
    (ids) => {
      for (const call of phone.ringing) {
        if (notified.has(call.id) || turnedAway.has(call.id)) continue
        if (settingsStore.settings.doNotDisturb) {
          turnedAway.add(call.id)
          phone.decline(call)
          continue
        }
        notified.add(call.id)
        void notifications.show({
          callId: call.id,
          displayName: call.displayName,
          number: call.number,
        })
      }
      for (const id of [...notified]) {
        if (ids.includes(id)) continue
        notified.delete(id)
        void notifications.clear(id)
      }
      const ringingHere = phone.ringing.some((c) => notified.has(c.id))
      if (!ringingHere) ringtone.stop()
      else
        void ringtone.start(phone.activeCall ? 'waiting' : 'ring', settingsStore.settings.ringerId)
    },
  )

  watch(
    () => settingsStore.settings.microphoneId,
    (id) => void phone.setInputDevice(id).catch((err) => console.warn(err)),
    { immediate: true },
  )

  onBeforeUnmount(() => {
    stopRecording()
    notifications.dispose()
    ringtone.stop()
  })
}
