// Service worker for incoming-call notifications. Only a service worker can show
// notifications with action buttons (`Answer`, `Decline`); it has no fetch handler,
// so it never touches the app's requests. A click is passed to the open window,
// which owns the call.
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('notificationclick', (event) => {
  const notification = event.notification
  notification.close()
  const message = {
    type: 'phone-systems:call-action',
    action: event.action || 'open',
    callId: notification.data?.callId,
  }
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) client.postMessage(message)
      const first = windows[0]
      return first && 'focus' in first ? first.focus() : undefined
    }),
  )
})
