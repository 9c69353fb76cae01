// Runs in each softphone page before the app (Playwright addInitScript), for tests
// only: keeps every RTCPeerConnection, to read audio statistics, and reports every
// notification shown through the service worker to the test (an exposed function).
/* global window, ServiceWorkerRegistration */
window.__e2e = { peerConnections: [] }

const OriginalPeerConnection = window.RTCPeerConnection
window.RTCPeerConnection = class extends OriginalPeerConnection {
  constructor(...args) {
    super(...args)
    window.__e2e.peerConnections.push(this)
  }
}

const showNotification = ServiceWorkerRegistration.prototype.showNotification
ServiceWorkerRegistration.prototype.showNotification = function (title, options = {}) {
  window.__reportNotification?.({
    title,
    body: options.body ?? '',
    tag: options.tag ?? '',
    actions: (options.actions ?? []).map((a) => a.title),
  })
  return showNotification.call(this, title, options)
}
