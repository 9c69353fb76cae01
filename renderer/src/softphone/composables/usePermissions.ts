import { onBeforeUnmount, onMounted, ref } from 'vue'

/** As the `Setup permissions` screen words it; `prompt` is "not asked yet". */
export type PermissionState = 'granted' | 'denied' | 'prompt' | 'unsupported'

export const PERMISSION_LABELS: Record<PermissionState, string> = {
  granted: 'Granted',
  denied: 'Denied',
  prompt: 'Not asked yet',
  unsupported: 'Not available here',
}

function notificationState(): PermissionState {
  if (typeof Notification === 'undefined') return 'unsupported'
  return Notification.permission === 'default' ? 'prompt' : Notification.permission
}

/**
 * The microphone and notification permissions: their state as the browser
 * (or Electron's permission handler) reports it, kept current when changed
 * elsewhere, and a request for both.
 */
export function usePermissions() {
  const microphone = ref<PermissionState>('prompt')
  const notifications = ref<PermissionState>(notificationState())
  const requesting = ref(false)
  const cleanups: (() => void)[] = []

  async function watchPermission(
    name: 'microphone' | 'notifications',
    apply: (state: PermissionState) => void,
  ): Promise<void> {
    try {
      const status = await navigator.permissions.query({ name: name as PermissionName })
      apply(status.state)
      const onChange = () => apply(status.state)
      status.addEventListener('change', onChange)
      cleanups.push(() => status.removeEventListener('change', onChange))
    } catch {
      // Firefox cannot query the microphone: the state shows after asking.
    }
  }

  async function requestMicrophone(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia) {
      microphone.value = 'unsupported'
      return
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false })
      for (const track of stream.getTracks()) track.stop()
      microphone.value = 'granted'
    } catch (err) {
      const name = err instanceof DOMException ? err.name : ''
      // No microphone plugged in is not a refusal: the permission may still be granted later.
      microphone.value = name === 'NotFoundError' ? microphone.value : 'denied'
    }
  }

  async function requestNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return
    try {
      await Notification.requestPermission()
    } finally {
      notifications.value = notificationState()
    }
  }

  /** `Setup permissions`: one prompt after the other, as the OS shows them. */
  async function request(): Promise<void> {
    requesting.value = true
    try {
      await requestMicrophone()
      await requestNotifications()
    } finally {
      requesting.value = false
    }
  }

  onMounted(() => {
    void watchPermission('microphone', (s) => (microphone.value = s))
    void watchPermission('notifications', (s) => (notifications.value = s))
  })
  onBeforeUnmount(() => cleanups.forEach((c) => c()))

  return { microphone, notifications, requesting, request }
}
