import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, type Ref } from 'vue'
import { browserRecoveryTriggers, SipClient, type SipCall, type SipCredentials } from '../sip'
import type { CallState, RegistrationState } from '../sip'

/** A call as the UI shows it: plain reactive data next to the call object it came from. */
export interface CallView {
  id: number
  call: SipCall
  direction: SipCall['direction']
  number: string
  displayName: string
  state: CallState
  muted: boolean
}

/**
 * The softphone's SIP state for components: registration and calls.
 * Components read this store and call its actions; only the store touches
 * the SIP layer, and only the SIP layer touches JsSIP.
 */
export const usePhoneStore = defineStore('phone', () => {
  const client = shallowRef<SipClient>()
  const registration = ref<RegistrationState>({ kind: 'stopped' })
  // Typed by hand: `ref` would unwrap SipCall's private fields out of the type, though markRaw keeps them intact.
  const calls = ref([]) as Ref<CallView[]>
  let nextId = 1

  const ready = computed(() => registration.value.kind === 'registered')
  const activeCall = computed(() =>
    calls.value.find((c) => c.state === 'active' || c.state === 'dialing'),
  )
  const ringing = computed(() => calls.value.filter((c) => c.state === 'ringing'))

  function adopt(call: SipCall): CallView {
    const view: CallView = {
      id: nextId++,
      call: markRaw(call),
      direction: call.direction,
      number: call.remote.number,
      displayName: call.remote.displayName,
      state: call.state,
      muted: false,
    }
    calls.value.push(view)
    const live = calls.value.at(-1)!
    call.on('state', (state) => (live.state = state))
    call.on('ended', () => {
      calls.value = calls.value.filter((c) => c.id !== live.id)
    })
    return live
  }

  function connect(credentials: SipCredentials, instanceId?: string): void {
    disconnect()
    const sip = new SipClient(credentials, {
      recoveryTriggers: browserRecoveryTriggers(),
      ...(instanceId ? { instanceId } : {}),
    })
    sip.on('state', (state) => (registration.value = state))
    sip.on('incomingCall', (call) => adopt(call))
    client.value = markRaw(sip)
    sip.start()
  }

  function disconnect(): void {
    client.value?.stop()
    client.value = undefined
    calls.value = []
    registration.value = { kind: 'stopped' }
  }

  async function dial(number: string, callerId?: string): Promise<CallView> {
    if (!client.value) throw new Error('Not connected')
    return adopt(await client.value.call(number, callerId ? { callerId } : {}))
  }

  /** Answers a ringing call; an active call goes on hold first (call waiting). */
  async function answer(view: CallView): Promise<void> {
    const current = activeCall.value
    if (current && current.id !== view.id) await current.call.hold()
    await view.call.answer()
  }

  function toggleMute(view: CallView): void {
    view.call.setMuted(!view.muted)
    view.muted = view.call.muted
  }

  return {
    registration,
    calls,
    ready,
    activeCall,
    ringing,
    connect,
    disconnect,
    dial,
    answer,
    toggleMute,
  }
})
