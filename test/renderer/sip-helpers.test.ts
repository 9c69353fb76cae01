import type { IceCandidateEvent } from 'jssip/lib/RTCSession'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TypedEmitter } from '../../renderer/src/sip/emitter'
import { fastIceHandler } from '../../renderer/src/sip/fast-ice'
import { browserRecoveryTriggers } from '../../renderer/src/sip/recovery-triggers'

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('fastIceHandler: the INVITE leaves with the first candidates', () => {
  const ready = vi.fn()
  const candidate = (
    type: string,
    protocol = 'udp',
    text = `candidate:1 1 ${protocol} 1 x 1 typ ${type}`,
  ) => ({ candidate: { candidate: text, type, protocol }, ready }) as unknown as IceCandidateEvent

  beforeEach(() => ready.mockClear())

  it('on a LAN: a few ms after the first UDP host candidate, once', () => {
    const onCandidate = fastIceHandler()
    onCandidate(candidate('host'))
    onCandidate(candidate('host'))
    vi.advanceTimersByTime(4)
    expect(ready).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(ready).toHaveBeenCalledOnce()
    onCandidate(candidate('host'))
    vi.runAllTimers()
    expect(ready).toHaveBeenCalledOnce()
  })

  it('TCP and end-of-candidates markers do not start the clock', () => {
    const onCandidate = fastIceHandler()
    onCandidate(candidate('host', 'tcp'))
    onCandidate(candidate('host', 'udp', ''))
    vi.runAllTimers()
    expect(ready).not.toHaveBeenCalled()
  })

  it('with STUN/TURN: at once on a server-reflexive or relay candidate', () => {
    for (const type of ['srflx', 'relay']) {
      ready.mockClear()
      const onCandidate = fastIceHandler({ needsServerCandidate: true })
      onCandidate(candidate('host'))
      onCandidate(candidate(type))
      expect(ready).toHaveBeenCalledOnce()
      vi.runAllTimers()
      expect(ready).toHaveBeenCalledOnce()
    }
  })

  it('with STUN/TURN and no server candidate: after the relay wait', () => {
    const onCandidate = fastIceHandler({ needsServerCandidate: true, relayWaitMs: 100 })
    onCandidate(candidate('host'))
    vi.advanceTimersByTime(99)
    expect(ready).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(ready).toHaveBeenCalledOnce()
  })
})

describe('TypedEmitter', () => {
  class Events extends TypedEmitter<{ tick: (n: number) => void }> {
    tick(n: number): void {
      this.emit('tick', n)
    }
  }

  it('a throwing listener neither stops the others nor the emitter', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const events = new Events()
    const heard: number[] = []
    events.on('tick', () => {
      throw new Error('broken listener')
    })
    events.on('tick', (n) => heard.push(n))
    expect(() => events.tick(1)).not.toThrow()
    expect(heard).toEqual([1])
    expect(console.error).toHaveBeenCalled()
  })

  it('on() returns the way out; off() works too', () => {
    const events = new Events()
    const a = vi.fn()
    const b = vi.fn()
    const stopA = events.on('tick', a)
    events.on('tick', b)
    stopA()
    events.off('tick', b)
    events.tick(2)
    expect(a).not.toHaveBeenCalled()
    expect(b).not.toHaveBeenCalled()
  })

  it('a listener removed while the event is delivered still hears that one', () => {
    const events = new Events()
    const later = vi.fn()
    events.on('tick', () => events.off('tick', later))
    events.on('tick', later)
    events.tick(3)
    events.tick(4)
    expect(later.mock.calls).toEqual([[3]])
  })
})

describe('browserRecoveryTriggers', () => {
  function subscribed() {
    const reasons: string[] = []
    const unsubscribe = browserRecoveryTriggers(1_000).subscribe((r) => reasons.push(r))
    return { reasons, unsubscribe }
  }

  it('the network coming back', () => {
    const { reasons, unsubscribe } = subscribed()
    window.dispatchEvent(new Event('online'))
    expect(reasons).toEqual(['Network connection restored'])
    unsubscribe()
  })

  it('the window shown again, not hidden', () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get')
    const { reasons, unsubscribe } = subscribed()
    visibility.mockReturnValue('hidden')
    document.dispatchEvent(new Event('visibilitychange'))
    visibility.mockReturnValue('visible')
    document.dispatchEvent(new Event('visibilitychange'))
    expect(reasons).toEqual(['Window visible again'])
    unsubscribe()
  })

  it('a jump of the clock: the machine slept', () => {
    const { reasons, unsubscribe } = subscribed()
    vi.advanceTimersByTime(10_000)
    expect(reasons).toEqual([])
    vi.setSystemTime(Date.now() + 60_000)
    vi.advanceTimersByTime(1_000)
    expect(reasons).toEqual(['Resumed from sleep'])
    unsubscribe()
  })

  it('unsubscribed: hears nothing more', () => {
    const { reasons, unsubscribe } = subscribed()
    unsubscribe()
    window.dispatchEvent(new Event('online'))
    vi.setSystemTime(Date.now() + 60_000)
    vi.advanceTimersByTime(5_000)
    expect(reasons).toEqual([])
  })
})
