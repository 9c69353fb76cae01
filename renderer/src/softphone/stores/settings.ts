import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { readStored, writeStored } from '../storage'

export interface SoftphoneSettings {
  /** `deviceId`s of the chosen devices; '' is the system default. */
  microphoneId: string
  speakerId: string
  ringerId: string
  doNotDisturb: boolean
  /** The caller ID chosen for outgoing calls; null: the line's default. */
  callerId: string | null
}

const SETTINGS_KEY = 'phone-systems.settings'

const DEFAULTS: SoftphoneSettings = {
  microphoneId: '',
  speakerId: '',
  ringerId: '',
  doNotDisturb: false,
  callerId: null,
}

function isSettings(value: unknown): value is Partial<SoftphoneSettings> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Audio devices, do-not-disturb and caller ID, remembered on this device. */
export const useSettingsStore = defineStore('settings', () => {
  const stored = readStored(SETTINGS_KEY, isSettings) ?? {}
  const settings = ref<SoftphoneSettings>({
    microphoneId: typeof stored.microphoneId === 'string' ? stored.microphoneId : '',
    speakerId: typeof stored.speakerId === 'string' ? stored.speakerId : '',
    ringerId: typeof stored.ringerId === 'string' ? stored.ringerId : '',
    doNotDisturb: stored.doNotDisturb === true,
    callerId: typeof stored.callerId === 'string' ? stored.callerId : null,
  })
  watch(settings, (value) => writeStored(SETTINGS_KEY, value), { deep: true })

  /** Back to defaults, e.g. on `Sign out`: the next person on this machine starts clean. */
  function reset(): void {
    settings.value = { ...DEFAULTS }
  }

  return { settings, reset }
})
