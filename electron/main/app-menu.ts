import type { Menu, MenuItemConstructorOptions } from 'electron'

export interface AppMenuActions {
  /** The softphone screen (`/`). */
  openSoftphone(): void
  /** The admin console (`/admin`). */
  openAdminConsole(): void
  showAbout(): void
  /** Main's quit, so close-to-tray knows the window must really close. */
  quit(): void
}

export interface AppMenuOptions {
  platform: NodeJS.Platform
  appName: string
  actions: AppMenuActions
}

/**
 * The application menu. `editMenu` is kept on every platform: without an Edit
 * menu macOS has no Cmd+V, and pasting an activation code is how most users
 * activate. No Reload or DevTools: a reload would drop a call in progress.
 */
export function buildAppMenuTemplate({
  platform,
  appName,
  actions,
}: AppMenuOptions): MenuItemConstructorOptions[] {
  const screens: MenuItemConstructorOptions[] = [
    { label: 'Softphone', accelerator: 'CmdOrCtrl+1', click: () => actions.openSoftphone() },
    { label: 'Admin console', accelerator: 'CmdOrCtrl+2', click: () => actions.openAdminConsole() },
  ]
  const about: MenuItemConstructorOptions = { label: 'About', click: () => actions.showAbout() }
  const quit: MenuItemConstructorOptions = {
    label: 'Quit',
    accelerator: 'CmdOrCtrl+Q',
    click: () => actions.quit(),
  }
  if (platform === 'darwin') {
    return [
      {
        label: appName,
        submenu: [
          about,
          { type: 'separator' },
          { role: 'services' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          quit,
        ],
      },
      { role: 'editMenu' },
      { label: 'View', submenu: screens },
      { role: 'windowMenu' },
    ]
  }
  return [
    { label: '&File', submenu: [...screens, { type: 'separator' }, quit] },
    { role: 'editMenu' },
    { label: '&Help', submenu: [about] },
  ]
}

/** Builds and installs the template as the application menu. */
export function applyAppMenu(
  menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>,
  template: MenuItemConstructorOptions[],
): void {
  menu.setApplicationMenu(menu.buildFromTemplate(template))
}
