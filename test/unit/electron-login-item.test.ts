import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import type { App, LoginItemSettings } from 'electron'
import * as fsPromises from 'node:fs/promises'
import {
  autostartEntry,
  createLoginItem,
  linuxConfigDir,
  quoteExecArg,
  startsHidden,
  type LoginItemDeps,
  type LoginItemFs,
} from '../../electron/main/login-item'

/** An in-memory file system with the four operations the module uses. */
function fakeFs() {
  const files = new Map<string, string>()
  const dirs = new Set<string>()
  const fs: LoginItemFs = {
    readFile: async (path) => {
      const text = files.get(path)
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
      return text
    },
    writeFile: async (path, data) => void files.set(path, data),
    mkdir: async (path) => void dirs.add(path),
    rm: async (path) => void files.delete(path),
  }
  return { fs, files, dirs }
}

/** Electron's login-item settings kept in memory, compared by args as Windows does. */
function fakeApp() {
  let registered: { openAtLogin: boolean; args: string[] } = { openAtLogin: false, args: [] }
  let wasOpenedAtLogin = false
  let runKeyDisabled = false
  const app = {
    setLoginItemSettings: vi.fn((s: { openAtLogin?: boolean; args?: string[] }) => {
      registered = { openAtLogin: s.openAtLogin ?? false, args: s.args ?? [] }
      runKeyDisabled = false
    }),
    getLoginItemSettings: (options?: { args?: string[] }) => {
      const argsMatch = JSON.stringify(options?.args ?? []) === JSON.stringify(registered.args)
      return {
        openAtLogin: registered.openAtLogin && argsMatch,
        executableWillLaunchAtLogin: registered.openAtLogin && !runKeyDisabled,
        wasOpenedAtLogin,
      } as LoginItemSettings
    },
  }
  return {
    app: app as unknown as Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>,
    calls: app.setLoginItemSettings.mock.calls,
    openedAtLogin: () => void (wasOpenedAtLogin = true),
    disableInTaskManager: () => void (runKeyDisabled = true),
  }
}

function deps(platform: NodeJS.Platform, extra: Partial<LoginItemDeps> = {}) {
  const files = fakeFs()
  const app = fakeApp()
  return {
    ...files,
    ...app,
    deps: {
      app: app.app,
      platform,
      fs: files.fs,
      configDir: '/home/ann/.config',
      execPath: '/opt/phone.systems/phone-systems',
      appName: 'phone.systems',
      ...extra,
    } satisfies LoginItemDeps,
  }
}

const FILE = '/home/ann/.config/autostart/phone.systems.desktop'

describe('start at login (electron/main/login-item)', () => {
  for (const platform of ['darwin', 'win32'] as const) {
    it(`${platform}: setLoginItemSettings with --hidden, and reads it back (fake app)`, async () => {
      const { deps: d, calls, files } = deps(platform)
      const item = createLoginItem(d)
      expect(await item.isEnabled()).toBe(false)
      await item.setEnabled(true)
      expect(calls.at(-1)).toEqual([{ openAtLogin: true, args: ['--hidden'] }])
      expect(await item.isEnabled()).toBe(true)
      await item.setEnabled(false)
      expect(calls.at(-1)).toEqual([{ openAtLogin: false, args: ['--hidden'] }])
      expect(await item.isEnabled()).toBe(false)
      expect(files.size).toBe(0)
    })
  }

  it('Windows: an entry switched off in Task Manager reads as off', async () => {
    const { deps: d, disableInTaskManager } = deps('win32')
    const item = createLoginItem(d)
    await item.setEnabled(true)
    disableInTaskManager()
    expect(await item.isEnabled()).toBe(false)
  })

  it('Linux: writes and removes ~/.config/autostart/phone.systems.desktop', async () => {
    const { deps: d, files, dirs, calls } = deps('linux')
    const item = createLoginItem(d)
    expect(await item.isEnabled()).toBe(false)
    await item.setEnabled(true)
    expect(dirs.has('/home/ann/.config/autostart')).toBe(true)
    expect(files.get(FILE)).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.0',
        'Name=phone.systems',
        'Exec="/opt/phone.systems/phone-systems" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    )
    expect(await item.isEnabled()).toBe(true)
    await item.setEnabled(false)
    expect(files.has(FILE)).toBe(false)
    expect(await item.isEnabled()).toBe(false)
    await expect(item.setEnabled(false)).resolves.toBeUndefined()
    expect(calls).toEqual([])
  })

  it('Linux: prefers the AppImage path, quoted with its spaces', async () => {
    const { deps: d, files } = deps('linux', {
      execPath: '/tmp/.mount_phoneXYZ/phone-systems',
      appImagePath: '/home/ann/My Apps/phone.systems-0.1.0.AppImage',
    })
    await createLoginItem(d).setEnabled(true)
    expect(files.get(FILE)).toContain(
      'Exec="/home/ann/My Apps/phone.systems-0.1.0.AppImage" --hidden\n',
    )
  })

  it('Linux: an entry the desktop switched off reads as off', async () => {
    const { deps: d, files } = deps('linux')
    const item = createLoginItem(d)
    await item.setEnabled(true)
    files.set(
      FILE,
      files.get(FILE)!.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'),
    )
    expect(await item.isEnabled()).toBe(false)
    files.set(FILE, autostartEntry('/x', 'phone.systems') + 'Hidden=true\n')
    expect(await item.isEnabled()).toBe(false)
  })

  it('quotes Exec arguments per the Desktop Entry spec', () => {
    expect(quoteExecArg('/opt/a b/app')).toBe('"/opt/a b/app"')
    expect(quoteExecArg('/opt/$HOME/"x"/`y`')).toBe('"/opt/\\\\$HOME/\\\\"x\\\\"/\\\\`y\\\\`"')
    // One literal backslash: four in the file.
    expect(quoteExecArg('/opt/a\\b')).toBe('"/opt/a\\\\\\\\b"')
    expect(quoteExecArg('/opt/100%/app')).toBe('"/opt/100%%/app"')
  })

  it('config dir: absolute XDG_CONFIG_HOME, else ~/.config', () => {
    expect(linuxConfigDir({ XDG_CONFIG_HOME: '/data/cfg' }, '/home/ann')).toBe('/data/cfg')
    expect(linuxConfigDir({ XDG_CONFIG_HOME: 'rel/cfg' }, '/home/ann')).toBe('/home/ann/.config')
    expect(linuxConfigDir({}, '/home/ann')).toBe('/home/ann/.config')
  })

  it('startsHidden: --hidden in argv, or on macOS a launch by the login item', () => {
    const { app, openedAtLogin } = fakeApp()
    expect(startsHidden(['/opt/app', '--hidden'])).toBe(true)
    expect(startsHidden(['/opt/app'])).toBe(false)
    expect(startsHidden(['/opt/app'], { platform: 'darwin', app })).toBe(false)
    openedAtLogin()
    expect(startsHidden(['/opt/app'], { platform: 'darwin', app })).toBe(true)
    expect(startsHidden(['/opt/app'], { platform: 'linux', app })).toBe(false)
  })

  it('node:fs/promises fits the narrow fs type (checked by tsc)', () => {
    expectTypeOf(fsPromises).toMatchTypeOf<LoginItemFs>()
  })
})
