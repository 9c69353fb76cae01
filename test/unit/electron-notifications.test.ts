import { EventEmitter } from 'node:events'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import type { BrowserWindow, Notification, NotificationConstructorOptions } from 'electron'
import {
  incomingCallOptions,
  notificationActionsWork,
  notifyIncomingCall,
} from '../../electron/main/notifications/incoming-call'
import { notifyMissedCall } from '../../electron/main/notifications/missed-call'
import {
  openRingWindow,
  ringRoute,
  ringWindowPlacement,
  type RingWindowHandle,
} from '../../electron/main/notifications/ring-window'
import {
  allowRingtoneWithoutGesture,
  softphoneWindowWebPreferences,
} from '../../electron/main/notifications/ringtone-policy'
import type {
  NotificationConstructor,
  NotificationHandle,
} from '../../electron/main/notifications/notification-types'

/** A Notification class that records every instance and lets the test emit its events. */
function fakeNotifications() {
  const made: {
    options: NotificationConstructorOptions
    events: EventEmitter
    shown: number
    closed: number
  }[] = []
  class FakeNotification implements NotificationHandle {
    private record
    constructor(options: NotificationConstructorOptions) {
      this.record = { options, events: new EventEmitter(), shown: 0, closed: 0 }
      made.push(this.record)
    }
    on(event: string, listener: (...args: never[]) => void) {
      return this.record.events.on(event, listener as (...args: unknown[]) => void)
    }
    show() {
      this.record.shown++
    }
    close() {
      this.record.closed++
    }
  }
  return { Notification: FakeNotification as NotificationConstructor, made }
}

const CALL = { id: 'c-1', caller: 'Ann Lee', number: '+4520304050' }
const handlers = () => ({ show: vi.fn(), answer: vi.fn(), decline: vi.fn() })

describe('incoming-call notification (electron/main/notifications/incoming-call)', () => {
  it('actions work on macOS, on Windows only as MSIX/AppX, never on Linux', () => {
    expect(notificationActionsWork({ platform: 'darwin' })).toBe(true)
    expect(notificationActionsWork({ platform: 'win32', windowsStore: true })).toBe(true)
    expect(notificationActionsWork({ platform: 'win32', windowsStore: false })).toBe(false)
    expect(notificationActionsWork({ platform: 'win32' })).toBe(false)
    expect(notificationActionsWork({ platform: 'linux' })).toBe(false)
  })

  it('options per platform: title, caller, never times out; Answer/Decline only where they work', () => {
    const mac = incomingCallOptions(CALL, { platform: 'darwin' })
    expect(mac).toMatchObject({
      title: 'Incoming call',
      body: 'Ann Lee (+4520304050)',
      timeoutType: 'never',
      actions: [
        { type: 'button', text: 'Answer' },
        { type: 'button', text: 'Decline' },
      ],
    })
    expect(mac.urgency).toBeUndefined()
    const linux = incomingCallOptions(CALL, { platform: 'linux' })
    expect(linux).toMatchObject({ urgency: 'critical', timeoutType: 'never' })
    expect(linux.actions).toBeUndefined()
    expect(incomingCallOptions(CALL, { platform: 'win32' }).actions).toBeUndefined()
    expect(
      incomingCallOptions(CALL, { platform: 'win32', windowsStore: true }).actions,
    ).toHaveLength(2)
    expect(
      incomingCallOptions({ id: 'x', caller: '101', number: '101' }, { platform: 'linux' }).body,
    ).toBe('101')
  })

  it('shows it; click shows the call, action 0 answers, action 1 declines', () => {
    const { Notification, made } = fakeNotifications()
    const h = handlers()
    notifyIncomingCall({ Notification, platform: 'darwin' }, CALL, h)
    const n = made[0]!
    expect(n.shown).toBe(1)
    n.events.emit('click')
    expect(h.show).toHaveBeenCalledWith('c-1')
    // Electron 41: the index in details.
    n.events.emit('action', { actionIndex: 0 }, 0)
    expect(h.answer).toHaveBeenCalledWith('c-1')
    n.events.emit('action', { actionIndex: 1 }, 1)
    expect(h.decline).toHaveBeenCalledWith('c-1')
    // Older Electron: only the second argument.
    n.events.emit('action', undefined, 0)
    expect(h.answer).toHaveBeenCalledTimes(2)
  })

  it('close() closes the notification once', () => {
    const { Notification, made } = fakeNotifications()
    const shown = notifyIncomingCall({ Notification, platform: 'linux' }, CALL, handlers())
    shown.close()
    shown.close()
    expect(made[0]!.closed).toBe(1)
  })
})

describe('missed-call notification (electron/main/notifications/missed-call)', () => {
  it('title Missed call, the caller, the count when more than one; click shows', () => {
    const { Notification, made } = fakeNotifications()
    const show = vi.fn()
    notifyMissedCall({ Notification }, { caller: 'Ann Lee', count: 1 }, show)
    notifyMissedCall({ Notification }, { caller: 'Bo', count: 3 }, show)
    expect(made.map((n) => n.options)).toEqual([
      { title: 'Missed call', body: 'Ann Lee' },
      { title: 'Missed call', body: 'Bo (3 missed calls)' },
    ])
    made[0]!.events.emit('click')
    expect(show).toHaveBeenCalledOnce()
    expect(made[1]!.shown).toBe(1)
  })
})

describe('ring window (electron/main/notifications/ring-window)', () => {
  const workArea = { x: 0, y: 25, width: 1440, height: 875 }

  it('a small frameless always-on-top window at the bottom right of the work area', () => {
    const options = ringWindowPlacement(workArea)
    expect(options).toMatchObject({
      width: 360,
      height: 120,
      x: 1440 - 360 - 16,
      y: 25 + 875 - 120 - 16,
      alwaysOnTop: true,
      skipTaskbar: true,
      frame: false,
      resizable: false,
      focusable: true,
      show: false,
    })
    // Its webPreferences are written out in window.ts, where check:electron reads them.
    expect(options).not.toHaveProperty('webPreferences')
  })

  it('loads /ring?call=<id> and shows inactive once ready; close is safe twice', () => {
    const events = new EventEmitter()
    let destroyed = false
    const window = {
      once: (e: 'ready-to-show', l: () => void) => events.once(e, l),
      showInactive: vi.fn(),
      close: vi.fn(() => void (destroyed = true)),
      isDestroyed: () => destroyed,
    } satisfies RingWindowHandle
    const createWindow = vi.fn(() => window)
    const loadRoute = vi.fn()
    const ring = openRingWindow(createWindow, loadRoute, 'call 7/a')
    expect(createWindow).toHaveBeenCalledOnce()
    expect(loadRoute).toHaveBeenCalledWith(window, '/ring?call=call%207%2Fa')
    expect(window.showInactive).not.toHaveBeenCalled()
    events.emit('ready-to-show')
    expect(window.showInactive).toHaveBeenCalledOnce()
    ring.close()
    ring.close()
    expect(window.close).toHaveBeenCalledOnce()
    expect(ringRoute('abc')).toBe('/ring?call=abc')
  })
})

describe('ringtone policy (electron/main/notifications/ringtone-policy)', () => {
  it('main window: no background throttling, autoplay without a gesture', () => {
    expect(softphoneWindowWebPreferences()).toEqual({
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    })
  })

  it('appends the autoplay-policy switch (fake commandLine)', () => {
    const commandLine = { appendSwitch: vi.fn() }
    allowRingtoneWithoutGesture(commandLine)
    expect(commandLine.appendSwitch).toHaveBeenCalledWith(
      'autoplay-policy',
      'no-user-gesture-required',
    )
  })
})

it("Electron's own types fit the narrow ones (checked by tsc, not at run time)", () => {
  expectTypeOf<typeof Notification>().toMatchTypeOf<NotificationConstructor>()
  expectTypeOf<BrowserWindow>().toMatchTypeOf<RingWindowHandle>()
})
