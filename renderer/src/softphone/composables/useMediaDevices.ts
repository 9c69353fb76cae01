import { onBeforeUnmount, onMounted, ref } from 'vue'

export interface DeviceOption {
  /** '' is the system default. */
  id: string
  label: string
}

function options(devices: MediaDeviceInfo[], kind: MediaDeviceKind, noun: string): DeviceOption[] {
  const found = devices.filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId)
  return [
    { id: '', label: 'System default' },
    // Labels are empty until a permission was granted: number them instead.
    ...found.map((d, i) => ({ id: d.deviceId, label: d.label || `${noun} ${i + 1}` })),
  ]
}

/** Microphones and speakers as they are now, updated when one is plugged in or out. */
export function useMediaDevices() {
  const inputs = ref<DeviceOption[]>([{ id: '', label: 'System default' }])
  const outputs = ref<DeviceOption[]>([{ id: '', label: 'System default' }])

  async function refresh(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return
    const devices = await navigator.mediaDevices.enumerateDevices()
    inputs.value = options(devices, 'audioinput', 'Microphone')
    outputs.value = options(devices, 'audiooutput', 'Speaker')
  }

  const onChange = () => void refresh()
  onMounted(() => {
    void refresh()
    navigator.mediaDevices?.addEventListener('devicechange', onChange)
  })
  onBeforeUnmount(() => navigator.mediaDevices?.removeEventListener('devicechange', onChange))

  return { inputs, outputs, refresh }
}
