import { EventEmitter } from 'node:events'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import type {
  App,
  BrowserWindow,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  Tray,
  nativeImage,
} from 'electron'
import { missedCallsText, trayView, type TrayActions } from '../../electron/main/tray/tray-state'
import { createTray, type TrayDeps, type TrayHandle } from '../../electron/main/tray/tray'
import { showMissedCallBadge, type BadgeDeps } from '../../electron/main/tray/badge'
import {
  installCloseToTray,
  trackQuitting,
  type CloseToTrayWindow,
} from '../../electron/main/tray/close-to-tray'

function fakeActions() {
  return {
    show: vi.fn(),
    toggleDoNotDisturb: vi.fn(),
    openAdminConsole: vi.fn(),
    quit: vi.fn(),
  } satisfies TrayActions
}

/** A NativeImage stand-in that remembers the path it was made from. */
const image = (path: string) => ({ path }) as unknown as NativeImage
const pathOf = (img: NativeImage) => (img as unknown as { path: string }).path

/** Tray, Menu and nativeImage fakes: the tray records what it was last given. */
function fakeTrayDeps() {
  const events = new EventEmitter()
  const state = {
    image: '',
    tooltip: '',
    template: [] as MenuItemConstructorOptions[],
    destroyed: false,
    images: 0,
  }
  class FakeTray implements TrayHandle {
    constructor(img: NativeImage) {
      state.image = pathOf(img)
      state.images++
    }
    setImage(img: NativeImage) {
      state.image = pathOf(img)
      state.images++
    }
    setToolTip(text: string) {
      state.tooltip = text
    }
    setContextMenu(menu: Menu | null) {
      state.template = (menu as unknown as { template: MenuItemConstructorOptions[] }).template
    }
    on(event: 'click', listener: () => void) {
      return events.on(event, listener)
    }
    destroy() {
      state.destroyed = true
    }
  }
  const deps: TrayDeps = {
    Tray: FakeTray,
    Menu: {
      buildFromTemplate: (template) => ({ template }) as unknown as Menu,
    },
    nativeImage: { createFromPath: image },
    iconPath: (name) => `/app/build/tray/${name}.png`,
  }
  const item = (label: string) => state.template.find((i) => i.label === label)
  const click = (label: string) => (item(label)?.click as (() => void) | undefined)?.call(undefined)
  return { deps, state, events, item, click }
}

describe('tray state (electron/main/tray/tray-state)', () => {
  it('maps each status to its icon and tooltip', () => {
    const a = fakeActions()
    expect(trayView('ready', 0, a)).toMatchObject({
      icon: 'ready',
      tooltip: 'phone.systems — Ready',
    })
    expect(trayView('connecting', 0, a)).toMatchObject({
      icon: 'connecting',
      tooltip: 'phone.systems — Connecting…',
    })
    expect(trayView('offline', 0, a)).toMatchObject({
      icon: 'offline',
      tooltip: 'phone.systems — Offline',
    })
    expect(trayView('do-not-disturb', 0, a)).toMatchObject({
      icon: 'dnd',
      tooltip: 'phone.systems — Do not disturb',
    })
  })

  it('adds missed calls to the tooltip, singular and plural', () => {
    const a = fakeActions()
    expect(trayView('ready', 3, a).tooltip).toBe('phone.systems — Ready (3 missed calls)')
    expect(trayView('offline', 1, a).tooltip).toBe('phone.systems — Offline (1 missed call)')
    expect(missedCallsText(2)).toBe('2 missed calls')
  })

  it('has the menu Show, Do not disturb (checkbox), Admin console, separator, Quit', () => {
    const a = fakeActions()
    const menu = trayView('ready', 0, a).menu
    expect(menu.map((i) => i.label ?? i.type)).toEqual([
      'Show',
      'Do not disturb',
      'Admin console',
      'separator',
      'Quit',
    ])
    expect(menu[1]).toMatchObject({ type: 'checkbox', checked: false })
    expect(trayView('do-not-disturb', 0, a).menu[1]).toMatchObject({ checked: true })
  })
})

describe('createTray (electron/main/tray/tray) with fake Tray, Menu, nativeImage', () => {
  it('starts as connecting and follows the status', () => {
    const { deps, state } = fakeTrayDeps()
    const tray = createTray(deps, fakeActions())
    expect(state.image).toBe('/app/build/tray/connecting.png')
    expect(state.tooltip).toBe('phone.systems — Connecting…')
    tray.setStatus('ready')
    expect(state.image).toBe('/app/build/tray/ready.png')
    expect(state.tooltip).toBe('phone.systems — Ready')
    tray.setStatus('do-not-disturb')
    expect(state.image).toBe('/app/build/tray/dnd.png')
    expect(state.template[1]).toMatchObject({ label: 'Do not disturb', checked: true })
  })

  it('shows missed calls in the tooltip without reloading the icon', () => {
    const { deps, state } = fakeTrayDeps()
    const tray = createTray(deps, fakeActions())
    tray.setStatus('ready')
    const images = state.images
    tray.setMissedCalls(3)
    expect(state.tooltip).toBe('phone.systems — Ready (3 missed calls)')
    tray.setMissedCalls(0)
    expect(state.tooltip).toBe('phone.systems — Ready')
    expect(state.images).toBe(images)
  })

  it('a click on the icon shows the window; the menu items call their actions', () => {
    const { deps, events, click } = fakeTrayDeps()
    const actions = fakeActions()
    const tray = createTray(deps, actions)
    events.emit('click')
    expect(actions.show).toHaveBeenCalledTimes(1)
    click('Show')
    expect(actions.show).toHaveBeenCalledTimes(2)
    click('Admin console')
    expect(actions.openAdminConsole).toHaveBeenCalledOnce()
    click('Quit')
    expect(actions.quit).toHaveBeenCalledOnce()
    click('Do not disturb')
    expect(actions.toggleDoNotDisturb).toHaveBeenLastCalledWith(true)
    tray.setStatus('do-not-disturb')
    click('Do not disturb')
    expect(actions.toggleDoNotDisturb).toHaveBeenLastCalledWith(false)
  })

  it('after a DND toggle the menu is rebuilt from the status the renderer last reported', () => {
    const { deps, state, click } = fakeTrayDeps()
    createTray(deps, fakeActions()).setStatus('ready')
    const before = state.template
    click('Do not disturb')
    expect(state.template).not.toBe(before)
    expect(state.template[1]).toMatchObject({ checked: false })
  })

  it('destroy removes the icon', () => {
    const { deps, state } = fakeTrayDeps()
    createTray(deps, fakeActions()).destroy()
    expect(state.destroyed).toBe(true)
  })

  it("Electron's own types fit the narrow ones (checked by tsc, not at run time)", () => {
    expectTypeOf<Tray>().toMatchTypeOf<TrayHandle>()
    expectTypeOf<typeof Tray>().toMatchTypeOf<TrayDeps['Tray']>()
    expectTypeOf<typeof Menu>().toMatchTypeOf<TrayDeps['Menu']>()
    expectTypeOf<typeof nativeImage>().toMatchTypeOf<TrayDeps['nativeImage']>()
    expectTypeOf<App>().toMatchTypeOf<Parameters<typeof trackQuitting>[0]>()
    expectTypeOf<Pick<App, 'setBadgeCount'>>().toMatchTypeOf<BadgeDeps['app']>()
    expectTypeOf<BrowserWindow>().toMatchTypeOf<NonNullable<BadgeDeps['window']>>()
    expectTypeOf<BrowserWindow>().toMatchTypeOf<CloseToTrayWindow>()
  })
})

describe('missed-call badge (electron/main/tray/badge)', () => {
  const fakes = (platform: NodeJS.Platform) => {
    const app = { setBadgeCount: vi.fn(() => platform === 'darwin') }
    const window = { setOverlayIcon: vi.fn() }
    const overlayIcon = image('/app/build/tray/missed-overlay.png')
    return { app, window, overlayIcon, deps: { app, platform, window, overlayIcon } }
  }

  it('macOS and Linux: the app badge count, 0 clears it', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { app, window, deps } = fakes(platform)
      showMissedCallBadge(deps, 4)
      showMissedCallBadge(deps, 0)
      expect(app.setBadgeCount.mock.calls).toEqual([[4], [0]])
      expect(window.setOverlayIcon).not.toHaveBeenCalled()
    }
  })

  it('Windows: an overlay icon with "N missed calls", removed at 0', () => {
    const { app, window, overlayIcon, deps } = fakes('win32')
    showMissedCallBadge(deps, 3)
    showMissedCallBadge(deps, 1)
    showMissedCallBadge(deps, 0)
    expect(window.setOverlayIcon.mock.calls).toEqual([
      [overlayIcon, '3 missed calls'],
      [overlayIcon, '1 missed call'],
      [null, ''],
    ])
    expect(app.setBadgeCount).not.toHaveBeenCalled()
  })

  it('Windows without a window does nothing', () => {
    const { app } = fakes('win32')
    expect(() => showMissedCallBadge({ app, platform: 'win32' }, 2)).not.toThrow()
  })
})

describe('close to tray (electron/main/tray/close-to-tray)', () => {
  function fakeWindow() {
    const events = new EventEmitter()
    const window = {
      hide: vi.fn(),
      on: (e: 'close', l: (event: { preventDefault(): void }) => void) => events.on(e, l),
      removeListener: (e: 'close', l: (event: { preventDefault(): void }) => void) =>
        events.removeListener(e, l),
    }
    const close = () => {
      const event = { preventDefault: vi.fn() }
      events.emit('close', event)
      return event.preventDefault.mock.calls.length > 0
    }
    return { window, close, events }
  }

  it('hides instead of closing when the setting says so and the app is not quitting', () => {
    const { window, close } = fakeWindow()
    let hide = true
    let quitting = false
    installCloseToTray(window, { shouldHide: () => hide, isQuitting: () => quitting })
    expect(close()).toBe(true)
    expect(window.hide).toHaveBeenCalledOnce()
    hide = false
    expect(close()).toBe(false)
    hide = true
    quitting = true
    expect(close()).toBe(false)
    expect(window.hide).toHaveBeenCalledOnce()
  })

  it('the returned function removes the listener', () => {
    const { window, events } = fakeWindow()
    const off = installCloseToTray(window, { shouldHide: () => true, isQuitting: () => false })
    off()
    expect(events.listenerCount('close')).toBe(0)
  })

  it("trackQuitting turns true on the app's before-quit", () => {
    const events = new EventEmitter()
    const isQuitting = trackQuitting({ on: (e, l) => events.on(e, l) })
    expect(isQuitting()).toBe(false)
    events.emit('before-quit')
    expect(isQuitting()).toBe(true)
  })
})
