import type { Menu, NativeImage } from 'electron'
import { trayView, type PhoneStatus, type TrayActions, type TrayIconName } from './tray-state'

/** The part of an Electron `Tray` this module uses. */
export interface TrayHandle {
  setImage(image: NativeImage): void
  setToolTip(toolTip: string): void
  setContextMenu(menu: Menu | null): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface TrayDeps {
  Tray: new (image: NativeImage) => TrayHandle
  Menu: { buildFromTemplate: typeof Menu.buildFromTemplate }
  nativeImage: { createFromPath(path: string): NativeImage }
  /** Path of `build/tray/<name>.png`; Electron picks `<name>@2x.png` next to it by itself. */
  iconPath(name: TrayIconName): string
}

export interface AppTray {
  setStatus(status: PhoneStatus): void
  setMissedCalls(count: number): void
  destroy(): void
}

/**
 * The tray icon: status icon, tooltip with missed calls, and a menu. The menu is
 * the way in on Linux, where desktops showing the icon through AppIndicator may
 * never emit `click`; elsewhere a click shows the window.
 */
export function createTray(deps: TrayDeps, actions: TrayActions): AppTray {
  let status: PhoneStatus = 'connecting'
  let missed = 0
  let shownIcon: TrayIconName | undefined
  const image = (name: TrayIconName) => deps.nativeImage.createFromPath(deps.iconPath(name))

  const render = () => {
    const view = trayView(status, missed, {
      ...actions,
      toggleDoNotDisturb: (on) => {
        actions.toggleDoNotDisturb(on)
        // The item flipped its own check mark; until the renderer reports the new
        // status, show what is true now (a refused toggle then leaves no false tick).
        render()
      },
    })
    if (view.icon !== shownIcon) {
      tray.setImage(image(view.icon))
      shownIcon = view.icon
    }
    tray.setToolTip(view.tooltip)
    tray.setContextMenu(deps.Menu.buildFromTemplate(view.menu))
  }

  const tray = new deps.Tray(image('connecting'))
  shownIcon = 'connecting'
  tray.on('click', () => actions.show())
  render()

  return {
    setStatus(next) {
      if (next === status) return
      status = next
      render()
    },
    setMissedCalls(count) {
      const next = Math.max(0, Math.floor(count))
      if (next === missed) return
      missed = next
      render()
    },
    destroy: () => tray.destroy(),
  }
}
