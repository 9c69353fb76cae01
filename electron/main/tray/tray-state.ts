import type { MenuItemConstructorOptions } from 'electron'

/** What the softphone says about its registration, as the renderer reports it. */
export type PhoneStatus = 'ready' | 'connecting' | 'offline' | 'do-not-disturb'

/** Base names of the tray icons: `build/tray/<name>.png` and `<name>@2x.png`. */
export type TrayIconName = 'ready' | 'connecting' | 'offline' | 'dnd'

export interface TrayActions {
  /** Brings the main window forward (creating it if needed). */
  show(): void
  /** The new Do-not-disturb state the user asked for. */
  toggleDoNotDisturb(on: boolean): void
  openAdminConsole(): void
  quit(): void
}

export interface TrayView {
  icon: TrayIconName
  tooltip: string
  menu: MenuItemConstructorOptions[]
}

const ICONS: Record<PhoneStatus, TrayIconName> = {
  ready: 'ready',
  connecting: 'connecting',
  offline: 'offline',
  'do-not-disturb': 'dnd',
}

const WORDS: Record<PhoneStatus, string> = {
  ready: 'Ready',
  connecting: 'Connecting…',
  offline: 'Offline',
  'do-not-disturb': 'Do not disturb',
}

/** `1 missed call`, `3 missed calls`: shared by the tooltip, the badge and notifications. */
export function missedCallsText(count: number): string {
  return `${count} missed call${count === 1 ? '' : 's'}`
}

/** Everything the tray shows for one status and missed-call count; no Electron calls. */
export function trayView(status: PhoneStatus, missedCalls: number, actions: TrayActions): TrayView {
  const dnd = status === 'do-not-disturb'
  const tooltip = `phone.systems — ${WORDS[status]}`
  return {
    icon: ICONS[status],
    tooltip: missedCalls > 0 ? `${tooltip} (${missedCallsText(missedCalls)})` : tooltip,
    menu: [
      { label: 'Show', click: () => actions.show() },
      {
        label: 'Do not disturb',
        type: 'checkbox',
        checked: dnd,
        // From the status, not from the item's own flipped `checked`: the renderer owns
        // DND, and the menu is rebuilt from what it reports back.
        click: () => actions.toggleDoNotDisturb(!dnd),
      },
      { label: 'Admin console', click: () => actions.openAdminConsole() },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ],
  }
}
