import { describe, expect, it, vi } from 'vitest'
import { createPhoneShell, type PhoneShellDeps } from '../../electron/main/phone-shell'

function shell(focused = false) {
  const closed: string[] = []
  const choosers = new Map<string, (action: 'show' | 'answer' | 'decline') => void>()
  const deps = {
    tray: { setStatus: vi.fn(), setMissedCalls: vi.fn() },
    badge: vi.fn(),
    ring: vi.fn((call: { id: string }, choose: (a: 'show' | 'answer' | 'decline') => void) => {
      choosers.set(call.id, choose)
      return { close: () => closed.push(call.id) }
    }),
    missed: vi.fn(),
    softphoneFocused: vi.fn(() => focused),
    showSoftphone: vi.fn(),
    tellSoftphone: vi.fn(),
  } satisfies PhoneShellDeps
  return { shell: createPhoneShell(deps), deps, closed, choosers }
}

const call = { id: '7', caller: 'Ada Lovelace (102)', windowVisible: false }

describe('phone shell', () => {
  it('the tray follows the status; the badge changes only with the missed count', () => {
    const { shell: s, deps } = shell()
    s.setStatus('connecting', 0)
    s.setStatus('ready', 2)
    s.setStatus('do-not-disturb', 2)
    expect(deps.tray.setStatus.mock.calls.map(([status]) => status)).toEqual([
      'connecting',
      'ready',
      'do-not-disturb',
    ])
    expect(deps.badge.mock.calls).toEqual([[2]])
    expect(deps.tray.setMissedCalls.mock.calls).toEqual([[2]])
  })

  it('a call ringing behind other windows rings once, and stops with the ringing', () => {
    const { shell: s, deps, closed } = shell()
    s.incoming(call, null as never)
    s.incoming(call, null as never)
    expect(deps.ring).toHaveBeenCalledOnce()
    s.settled({ id: '7', caller: call.caller, missed: false })
    expect(closed).toEqual(['7'])
    expect(deps.missed).not.toHaveBeenCalled()
  })

  it('no notification while the person looks at the softphone: its own screen rings', () => {
    const { shell: s, deps } = shell(true)
    s.incoming(call, null as never)
    expect(deps.ring).not.toHaveBeenCalled()
  })

  it('Answer from the notification brings the softphone forward and answers there', () => {
    const { shell: s, deps, choosers } = shell()
    s.incoming(call, null as never)
    choosers.get('7')!('answer')
    expect(deps.showSoftphone).toHaveBeenCalled()
    expect(deps.tellSoftphone).toHaveBeenCalledWith({ id: '7', action: 'answer' })
  })

  it('Decline from the ring window declines without bringing the window up', () => {
    const { shell: s, deps } = shell()
    s.act({ id: '7', action: 'decline' })
    expect(deps.showSoftphone).not.toHaveBeenCalled()
    expect(deps.tellSoftphone).toHaveBeenCalledWith({ id: '7', action: 'decline' })
  })

  it('a missed call leaves a missed-call notification with the caller', () => {
    const { shell: s, deps } = shell()
    s.setStatus('ready', 3)
    s.incoming(call, null as never)
    s.settled({ id: '7', caller: call.caller, missed: true })
    expect(deps.missed).toHaveBeenCalledWith('Ada Lovelace (102)', 3)
  })

  it('knows whether a call is in progress, for updates', () => {
    const { shell: s } = shell()
    expect(s.callActive()).toBe(false)
    s.setCallActive(true)
    expect(s.callActive()).toBe(true)
  })
})

describe('preferences', () => {
  it('Start at login is read back from the OS; hide to tray is remembered', async () => {
    const { preferenceStore } = await import('../../electron/main/preferences')
    const { desktopStateFile } = await import('../../electron/main/desktop-state')
    const { mkdtempSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    let enabled = false
    const loginItem = {
      isEnabled: async () => enabled,
      setEnabled: async (on: boolean) => void (enabled = on),
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'ps-prefs-'))
    const prefs = preferenceStore(loginItem, desktopStateFile(dir))
    expect(await prefs.read()).toEqual({ startAtLogin: false, hideToTrayOnClose: true })
    expect(await prefs.write({ startAtLogin: true, hideToTrayOnClose: false })).toEqual({
      startAtLogin: true,
      hideToTrayOnClose: false,
    })
    enabled = false // turned off in the OS's own settings
    expect(await preferenceStore(loginItem, desktopStateFile(dir)).read()).toEqual({
      startAtLogin: false,
      hideToTrayOnClose: false,
    })
  })
})

describe('update state for Settings', () => {
  it('maps every manager state onto the contract', async () => {
    const { toContractState } = await import('../../electron/main/updates/contract-state')
    const { updateStateSchema } = await import('@shared/ipc/contract')
    const states = [
      { status: 'off' },
      { status: 'idle' },
      { status: 'checking' },
      { status: 'downloading', version: '0.2.0', percent: 41.6 },
      { status: 'downloading', version: '0.2.0', percent: undefined },
      { status: 'ready', version: '0.2.0' },
      { status: 'error', message: 'net::ERR_CONNECTION_REFUSED' },
    ] as const
    const mapped = states.map((s) => updateStateSchema.parse(toContractState(s)))
    expect(mapped[3]).toEqual({ kind: 'downloading', percent: 42 })
    expect(mapped[5]).toEqual({ kind: 'ready', version: '0.2.0' })
    expect(mapped.map((m) => m.kind)).toEqual([
      'off',
      'idle',
      'checking',
      'downloading',
      'downloading',
      'ready',
      'error',
    ])
  })
})
