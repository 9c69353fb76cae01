import { missedCallsText } from '../tray/tray-state'
import type { NotificationConstructor } from './notification-types'

/**
 * "Missed call" with the caller; with more than one missed call the body says how
 * many. A click shows the window (the renderer's call history). Keep the returned
 * object while the notification may still be clicked.
 */
export function notifyMissedCall(
  deps: { Notification: NotificationConstructor },
  missed: { caller: string; count: number },
  show: () => void,
): { close(): void } {
  const notification = new deps.Notification({
    title: 'Missed call',
    body: missed.count > 1 ? `${missed.caller} (${missedCallsText(missed.count)})` : missed.caller,
  })
  notification.on('click', () => show())
  notification.show()
  return { close: () => notification.close() }
}
