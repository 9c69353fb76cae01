import type { NotificationConstructorOptions } from 'electron'
import type { NotificationConstructor } from './notification-types'

export interface IncomingCall {
  id: string
  /** The caller's name, or the number when there is no name. */
  caller: string
  number?: string
}

export interface IncomingCallHandlers {
  show(callId: string): void
  answer(callId: string): void
  decline(callId: string): void
}

export interface IncomingCallDeps {
  Notification: NotificationConstructor
  platform: NodeJS.Platform
  /** `process.windowsStore`: true when packaged as MSIX/AppX. */
  windowsStore?: boolean
}

const ANSWER = 0
const DECLINE = 1

/**
 * Whether Answer/Decline buttons on the notification reach the app. macOS: yes.
 * Windows: only trusted for an MSIX/AppX package, whose identity routes toast
 * activations back; a plain installer relies on a Start-menu shortcut and toast
 * activator we have not verified. Linux: Electron emits no `action` there.
 * Where this is false, main opens the ring window (ring-window.ts) instead.
 */
export function notificationActionsWork(env: {
  platform: NodeJS.Platform
  windowsStore?: boolean
}): boolean {
  return env.platform === 'darwin' || (env.platform === 'win32' && env.windowsStore === true)
}

/** The notification's options for `call` on this platform. */
export function incomingCallOptions(
  call: IncomingCall,
  env: { platform: NodeJS.Platform; windowsStore?: boolean },
): NotificationConstructorOptions {
  const body =
    call.number && call.number !== call.caller ? `${call.caller} (${call.number})` : call.caller
  return {
    title: 'Incoming call',
    body,
    // The renderer plays the ringtone on the chosen Ringer device; a system sound
    // on top would ring twice.
    silent: true,
    // Stays until answered, declined or closed by main: a call does not time out
    // while it still rings.
    timeoutType: 'never',
    ...(env.platform === 'linux' ? { urgency: 'critical' as const } : {}),
    ...(notificationActionsWork(env)
      ? {
          actions: [
            { type: 'button' as const, text: 'Answer' },
            { type: 'button' as const, text: 'Decline' },
          ],
        }
      : {}),
  }
}

/**
 * Shows the incoming-call notification. Main must keep the returned object until
 * the call stops ringing (an Electron notification with no reference left may be
 * collected, and its clicks are then lost) and `close()` it when the call is
 * answered elsewhere, ends or is declined. `close()` may be called more than once.
 */
export function notifyIncomingCall(
  deps: IncomingCallDeps,
  call: IncomingCall,
  handlers: IncomingCallHandlers,
): { close(): void } {
  const notification = new deps.Notification(incomingCallOptions(call, deps))
  let open = true
  notification.on('click', () => handlers.show(call.id))
  notification.on('action', (details, index) => {
    const action = typeof details?.actionIndex === 'number' ? details.actionIndex : index
    if (action === ANSWER) handlers.answer(call.id)
    else if (action === DECLINE) handlers.decline(call.id)
  })
  notification.show()
  return {
    close() {
      if (!open) return
      open = false
      notification.close()
    },
  }
}
