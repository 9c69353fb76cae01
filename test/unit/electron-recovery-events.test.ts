import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { PowerMonitor } from 'electron'
import {
  POWER_EVENTS,
  RECOVERY_EVENTS,
  watchRecoveryEvents,
} from '../../electron/main/power/recovery-events'

/** powerMonitor as an EventEmitter: only `on` and `removeListener` are used. */
const fakePowerMonitor = () => new EventEmitter() as unknown as PowerMonitor & EventEmitter

describe('recovery events (electron/main/power/recovery-events) with a fake powerMonitor', () => {
  it('forwards resume, unlock-screen, suspend and lock-screen by name', () => {
    const monitor = fakePowerMonitor()
    const notify = vi.fn()
    watchRecoveryEvents(monitor, notify)
    for (const event of ['resume', 'unlock-screen', 'suspend', 'lock-screen']) monitor.emit(event)
    expect(notify.mock.calls).toEqual([['resume'], ['unlock-screen'], ['suspend'], ['lock-screen']])
    monitor.emit('shutdown')
    expect(notify).toHaveBeenCalledTimes(4)
  })

  it('the unsubscribe removes every listener', () => {
    const monitor = fakePowerMonitor()
    const notify = vi.fn()
    const off = watchRecoveryEvents(monitor, notify)
    off()
    for (const event of POWER_EVENTS) {
      expect(monitor.listenerCount(event)).toBe(0)
      monitor.emit(event)
    }
    expect(notify).not.toHaveBeenCalled()
  })

  it('resume and unlock-screen are the ones that mean re-register', () => {
    expect(RECOVERY_EVENTS).toEqual(['resume', 'unlock-screen'])
  })
})
