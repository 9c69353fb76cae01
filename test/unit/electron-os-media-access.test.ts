import { describe, expect, it, vi } from 'vitest'
import { osMediaAccess } from '../../electron/main/permissions/os-media-access'
import type { MediaAccess } from '@shared/ipc/contract'

function fakes(platform: NodeJS.Platform, initial: MediaAccess, afterAsk: MediaAccess = initial) {
  let current = initial
  const systemPreferences = {
    getMediaAccessStatus: vi.fn(() => current),
    askForMediaAccess: vi.fn(async () => {
      current = afterAsk
      return afterAsk === 'granted'
    }),
  }
  const shell = { openExternal: vi.fn(async () => undefined) }
  return { access: osMediaAccess({ systemPreferences, shell, platform }), systemPreferences, shell }
}

describe('OS media access', () => {
  it('macOS: asks once while not determined, and reports the answer', async () => {
    const { access, systemPreferences } = fakes('darwin', 'not-determined', 'granted')
    expect(await access.ask('microphone')).toBe('granted')
    expect(systemPreferences.askForMediaAccess).toHaveBeenCalledWith('microphone')
    expect(await access.ask('microphone')).toBe('granted')
    expect(systemPreferences.askForMediaAccess).toHaveBeenCalledTimes(1)
  })

  it('macOS: a refusal is not asked again (the OS would show nothing); it says denied', async () => {
    const { access, systemPreferences } = fakes('darwin', 'denied')
    expect(await access.ask('camera')).toBe('denied')
    expect(systemPreferences.askForMediaAccess).not.toHaveBeenCalled()
  })

  it('Windows: the privacy settings’ denial is reported; there is nothing to ask', async () => {
    const { access, systemPreferences } = fakes('win32', 'denied')
    expect(access.status('microphone')).toBe('denied')
    expect(await access.ask('microphone')).toBe('denied')
    expect(systemPreferences.askForMediaAccess).not.toHaveBeenCalled()
  })

  it('Linux: no OS switch, so unknown, and the OS is not consulted', () => {
    const { access, systemPreferences } = fakes('linux', 'denied')
    expect(access.status('microphone')).toBe('unknown')
    expect(systemPreferences.getMediaAccessStatus).not.toHaveBeenCalled()
  })

  it.each([
    ['win32', 'microphone', 'ms-settings:privacy-microphone'],
    ['win32', 'camera', 'ms-settings:privacy-webcam'],
    ['win32', 'notifications', 'ms-settings:notifications'],
    [
      'darwin',
      'microphone',
      'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone',
    ],
    ['darwin', 'camera', 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera'],
    ['darwin', 'notifications', 'x-apple.systempreferences:com.apple.preference.notifications'],
  ] as const)('Open settings on %s for %s opens %s', async (platform, pane, url) => {
    const { access, shell } = fakes(platform, 'denied')
    expect(await access.openSettings(pane)).toBe(true)
    expect(shell.openExternal).toHaveBeenCalledWith(url)
  })

  it('Linux has no settings page to open', async () => {
    const { access, shell } = fakes('linux', 'denied')
    expect(await access.openSettings('microphone')).toBe(false)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })
})
