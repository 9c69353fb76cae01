import type { IceCandidateEvent } from 'jssip/lib/RTCSession'

/**
 * JsSIP sends the INVITE only when ICE gathering completes, which in Chromium
 * takes ~130 ms even on a LAN (it waits for every interface and candidate
 * type). The first UDP host candidates arrive within a few milliseconds and
 * are what a call between softphones on one network uses, so the offer goes
 * out shortly after the first of them: `graceMs` lets the other host
 * candidates of the same burst join. With STUN/TURN servers configured the
 * server-reflexive/relay candidate is awaited (up to `relayWaitMs`) because
 * a call across NATs needs it.
 */
export function fastIceHandler(
  opts: { graceMs?: number; relayWaitMs?: number; needsServerCandidate?: boolean } = {},
) {
  const graceMs = opts.graceMs ?? 5
  const relayWaitMs = opts.relayWaitMs ?? 250
  let timer: ReturnType<typeof setTimeout> | undefined
  let done = false
  return (event: IceCandidateEvent): void => {
    if (done) return
    const c = event.candidate
    if (!c.candidate || c.protocol === 'tcp') return
    const finish = () => {
      if (done) return
      done = true
      if (timer) clearTimeout(timer)
      event.ready()
    }
    if (!opts.needsServerCandidate) {
      timer ??= setTimeout(finish, graceMs)
      return
    }
    if (c.type === 'srflx' || c.type === 'relay') finish()
    else timer ??= setTimeout(finish, relayWaitMs)
  }
}
