import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, type Ref } from 'vue'
import { bridge } from '../bridge'
import {
  browserRecoveryTriggers,
  mergeTriggers,
  SipClient,
  type SipCall,
  type SipCredentials,
} from '../sip'
import type { CallEnd, CallState, CallStats, RegistrationState } from '../sip'

/** A call as the UI shows it: plain reactive data next to the call object it came from. */
export interface CallView {
  id: number
  call: SipCall
  direction: SipCall['direction']
  number: string
  displayName: string
  state: CallState
  muted: boolean
  /** Epoch ms: when it started ringing or was dialled. */
  createdAt: number
  /** Epoch ms: when it was answered (by either side), for the duration. */
  answeredAt: number | null
  /** The other side's audio, for an `<audio>` element on the chosen speaker. */
  remoteStream: MediaStream | null
  end: CallEnd | null
}

/** User Timing mark of the first registration after connect(): `npm run bench` reads it. */
const REGISTERED_MARK = 'phone-systems:sip-registered'

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
  /** The chosen microphone (`deviceId`); '' is the system default. */
  const inputDeviceId = ref('')
  const endedListeners = new Set<(view: CallView) => void>()
  let nextId = 1

  const ready = computed(() => registration.value.kind === 'registered')
  const activeCall = computed(() =>
    calls.value.find((c) => c.state === 'active' || c.state === 'dialing'),
  )
  const ringing = computed(() => calls.value.filter((c) => c.state === 'ringing'))
  const heldCalls = computed(() => calls.value.filter((c) => c.state === 'held'))

  function adopt(call: SipCall): CallView {
    const view: CallView = {
      id: nextId++,
      call: markRaw(call),
      direction: call.direction,
      number: call.remote.number,
      displayName: call.remote.displayName,
      state: call.state,
      muted: false,
      createdAt: Date.now(),
      answeredAt: null,
      remoteStream: call.remoteStream ? markRaw(call.remoteStream) : null,
      end: null,
    }
    calls.value.push(view)
    const live = calls.value.at(-1)!
    call.on('state', (state) => {
      if (state === 'active' && live.answeredAt === null) live.answeredAt = Date.now()
      live.state = state
    })
    call.on('remoteStream', (stream) => (live.remoteStream = markRaw(stream)))
    call.on('ended', (end) => {
      live.end = end
      calls.value = calls.value.filter((c) => c.id !== live.id)
      for (const listener of endedListeners) listener(live)
    })
    return live
  }

  function microphone(): Promise<MediaStream> {
    const deviceId = inputDeviceId.value
    // `ideal`, not `exact`: a remembered device that was unplugged falls back to the default.
    return navigator.mediaDevices.getUserMedia({
      audio: deviceId ? { deviceId: { ideal: deviceId } } : true,
      video: false,
    })
  }

  function connect(credentials: SipCredentials, instanceId?: string): void {
    disconnect()
    const sip = new SipClient(credentials, {
      recoveryTriggers: mergeTriggers(browserRecoveryTriggers(), { subscribe: bridge.onRecover }),
      getMicrophone: microphone,
      ...(instanceId ? { instanceId } : {}),
    })
    let marked = false
    sip.on('state', (state) => {
      registration.value = state
      if (state.kind === 'registered' && !marked) {
        marked = true
        performance.mark(REGISTERED_MARK)
      }
    })
    sip.on('incomingCall', (call) => adopt(call))
    sip.on('transferredCall', (call) => adopt(call))
    client.value = markRaw(sip)
    sip.start()
  }

  function disconnect(): void {
    client.value?.stop()
    client.value = undefined
    calls.value = []
    registration.value = { kind: 'stopped' }
  }

  /** Registers again now, e.g. when the user asks to retry. */
  function reconnect(reason = 'Retry requested'): void {
    client.value?.recover(reason)
  }

  async function dial(number: string, callerId?: string): Promise<CallView> {
    if (!client.value) throw new Error('Not connected')
    // The call being dialled from here takes over: whatever was active waits on hold.
    const current = activeCall.value
    if (current?.state === 'active') await hold(current)
    return adopt(await client.value.call(number, callerId ? { callerId } : {}))
  }

  /** Answers a ringing call; an active call goes on hold first (call waiting). */
  async function answer(view: CallView): Promise<void> {
    const current = activeCall.value
    if (current && current.id !== view.id && current.state === 'active') await hold(current)
    await view.call.answer()
  }

  function decline(view: CallView): void {
    view.call.decline()
  }

  function hangup(view: CallView): void {
    view.call.hangup()
  }

  function toggleMute(view: CallView): void {
    view.call.setMuted(!view.muted)
    view.muted = view.call.muted
  }

  function hold(view: CallView): Promise<void> {
    return view.call.hold()
  }

  /** Resumes a held call; the one active meanwhile goes on hold, as two lines would. */
  async function resume(view: CallView): Promise<void> {
    const current = activeCall.value
    if (current && current.id !== view.id && current.state === 'active') await hold(current)
    await view.call.resume()
  }

  function sendDtmf(view: CallView, digits: string): void {
    view.call.sendDtmf(digits)
  }

  function transfer(view: CallView, target: string): Promise<void> {
    return view.call.transfer(target)
  }

  /** Another microphone: used by new calls, and swapped into live ones without dropping them. */
  async function setInputDevice(deviceId: string): Promise<void> {
    if (inputDeviceId.value === deviceId) return
    inputDeviceId.value = deviceId
    const live = calls.value.filter((c) => c.state === 'active' || c.state === 'held')
    if (live.length === 0) return
    await Promise.all(live.map(async (view) => view.call.replaceMicrophone(await microphone())))
  }

  function stats(view: CallView): Promise<CallStats> {
    return view.call.stats()
  }

  /** Calls `listener` with each call once it has ended (for the call history). */
  function onCallEnded(listener: (view: CallView) => void): () => void {
    endedListeners.add(listener)
    return () => endedListeners.delete(listener)
  }

  return {
    registration,
    calls,
    inputDeviceId,
    ready,
    activeCall,
    ringing,
    heldCalls,
    connect,
    disconnect,
    reconnect,
    dial,
    answer,
    decline,
    hangup,
    toggleMute,
    hold,
    resume,
    sendDtmf,
    transfer,
    setInputDevice,
    stats,
    onCallEnded,
  }
})
