// A JsSIP user agent in plain Node, the SIP stack the softphone uses, for tests of
// the WebSocket side of the edge. Node 20 has a WebSocket class only behind
// --experimental-websocket, so tests run this file as a child process with that flag.
//
//   node --experimental-websocket jssip-client.mjs <wsUri> <sipUri> <authUser> <password>
//
// Prints one JSON object per line for each UA event; an incoming call is declined
// with 486 Busy Here (there is no WebRTC in Node, and none is needed to ring).
// Stops when stdin closes.
import JsSIP from 'jssip'

// JsSIP answers INVITEs with 488 unless window.RTCPeerConnection exists. Ringing needs
// no media, and calls are declined before any peer connection would be made.
globalThis.window ??= { RTCPeerConnection: class RTCPeerConnection {} }

const [wsUri, uri, authorizationUser, password] = process.argv.slice(2)
const emit = (event, extra = {}) => process.stdout.write(`${JSON.stringify({ event, ...extra })}\n`)

// Node 20's WebSocket fires `error` but no `close` when it cannot connect at all (a
// certificate it does not trust, a port that does not speak its protocol), so JsSIP,
// which waits for `close`, reports nothing. The socket's error is reported instead.
const NodeWebSocket = globalThis.WebSocket
globalThis.WebSocket = class extends NodeWebSocket {
  constructor(...args) {
    super(...args)
    this.addEventListener('error', () => emit('socketError'))
  }
}

const ua = new JsSIP.UA({
  sockets: [new JsSIP.WebSocketInterface(wsUri)],
  uri,
  authorization_user: authorizationUser,
  password,
  register: true,
  register_expires: 600,
  connection_recovery_min_interval: 1,
  connection_recovery_max_interval: 2,
})
ua.on('connected', () => emit('connected'))
ua.on('disconnected', (e) => emit('disconnected', { code: e.code ?? null }))
ua.on('registered', () => emit('registered'))
ua.on('unregistered', () => emit('unregistered'))
ua.on('registrationFailed', (e) =>
  emit('registrationFailed', {
    cause: e.cause,
    status: e.response?.status_code ?? null,
    reason: e.response?.reason_phrase ?? null,
  }),
)
ua.on('newRTCSession', ({ originator, session, request }) => {
  if (originator !== 'remote') return
  emit('incomingCall', { from: request.from.uri.toString(), ruri: request.ruri.toString() })
  session.terminate({ status_code: 486, reason_phrase: 'Busy Here' })
})
ua.start()

process.stdin.on('end', () => {
  ua.stop()
  setTimeout(() => process.exit(0), 300)
})
process.stdin.resume()
