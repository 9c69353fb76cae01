const WORKER_URL = '/notification-sw.js'
const ACTION_MESSAGE = 'phone-systems:call-action'

export type CallAction = 'answer' | 'decline' | 'open'

export interface IncomingCallNotice {
  callId: number
  displayName: string
  number: string
}

let worker: Promise<ServiceWorkerRegistration | null> | undefined

/**
 * The service worker that can show `Answer` / `Decline` buttons. Absent where
 * service workers are (Electron's app: scheme, insecure origins): plain
 * notifications without buttons are shown there instead.
 */
function registration(): Promise<ServiceWorkerRegistration | null> {
  worker ??= (async () => {
    if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return null
    try {
      await navigator.serviceWorker.register(WORKER_URL)
      return await navigator.serviceWorker.ready
    } catch (err) {
      console.warn('phone.systems: notifications without buttons', err)
      return null
    }
  })()
  return worker
}

const tagOf = (callId: number) => `phone-systems-call-${callId}`

/**
 * System notifications for incoming calls: shown while a call rings (also
 * when the window is hidden or minimised), with `Answer` and `Decline`, and
 * closed as soon as it stops ringing here — answered, declined, answered on
 * another device or given up by the caller.
 */
export function useCallNotifications(onAction: (callId: number, action: CallAction) => void) {
  const plain = new Map<number, Notification>()
  // Calls still ringing: a call that stops while its notification is being
  // shown (showing is asynchronous) gets it closed right after.
  const wanted = new Set<number>()

  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: string; action?: string; callId?: number } | null
    if (data?.type !== ACTION_MESSAGE || typeof data.callId !== 'number') return
    const action = data.action === 'answer' || data.action === 'decline' ? data.action : 'open'
    onAction(data.callId, action)
  }
  if ('serviceWorker' in navigator) navigator.serviceWorker.addEventListener('message', onMessage)
  // Installed ahead of the first incoming call, but once the page is idle: right
  // after activation the main thread belongs to the SIP registration.
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1000))
  idle(() => void registration())

  async function show(call: IncomingCallNotice): Promise<void> {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
    wanted.add(call.callId)
    const title = `Incoming call from ${call.displayName || call.number}`
    const options = {
      body: call.displayName ? call.number : 'phone.systems',
      tag: tagOf(call.callId),
      requireInteraction: true,
      data: { callId: call.callId },
    }
    const reg = await registration()
    if (reg) {
      await reg.showNotification(title, {
        ...options,
        actions: [
          { action: 'answer', title: 'Answer' },
          { action: 'decline', title: 'Decline' },
        ],
      } as NotificationOptions)
      if (!wanted.has(call.callId)) await closeShown(reg, call.callId)
      return
    }
    const notification = new Notification(title, options)
    notification.onclick = () => {
      window.focus()
      onAction(call.callId, 'open')
    }
    plain.set(call.callId, notification)
  }

  async function closeShown(reg: ServiceWorkerRegistration, callId: number): Promise<void> {
    for (const n of await reg.getNotifications({ tag: tagOf(callId) })) n.close()
  }

  async function clear(callId: number): Promise<void> {
    wanted.delete(callId)
    plain.get(callId)?.close()
    plain.delete(callId)
    const reg = await registration()
    if (reg) await closeShown(reg, callId)
  }

  function dispose(): void {
    if ('serviceWorker' in navigator)
      navigator.serviceWorker.removeEventListener('message', onMessage)
    for (const id of [...wanted]) void clear(id)
  }

  return { show, clear, dispose }
}
