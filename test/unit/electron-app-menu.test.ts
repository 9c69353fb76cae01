import { describe, expect, it, vi } from 'vitest'
import type { Menu, MenuItemConstructorOptions } from 'electron'
import { applyAppMenu, buildAppMenuTemplate } from '../../electron/main/app-menu'

function fakeActions() {
  return {
    openSoftphone: vi.fn(),
    openAdminConsole: vi.fn(),
    showAbout: vi.fn(),
    quit: vi.fn(),
  }
}

/** Every item of the template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu as MenuItemConstructorOptions[]) : []),
  ])
}
const byLabel = (template: MenuItemConstructorOptions[], label: string) =>
  items(template).find((i) => i.label === label)
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.call(undefined)

describe('application menu (electron/main/app-menu)', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: Softphone, Admin console, About and Quit call their actions`, () => {
      const actions = fakeActions()
      const template = buildAppMenuTemplate({ platform, appName: 'phone.systems', actions })
      click(byLabel(template, 'Softphone'))
      click(byLabel(template, 'Admin console'))
      click(byLabel(template, 'About'))
      click(byLabel(template, 'Quit'))
      expect(actions.openSoftphone).toHaveBeenCalledOnce()
      expect(actions.openAdminConsole).toHaveBeenCalledOnce()
      expect(actions.showAbout).toHaveBeenCalledOnce()
      expect(actions.quit).toHaveBeenCalledOnce()
      // Copy and paste (of activation codes) need the Edit menu's roles.
      expect(template.some((i) => i.role === 'editMenu')).toBe(true)
      expect(items(template).some((i) => i.role === 'reload' || i.role === 'toggleDevTools')).toBe(
        false,
      )
    })
  }

  it('macOS: the first menu is the app-name menu with About, the standard roles and Quit', () => {
    const template = buildAppMenuTemplate({
      platform: 'darwin',
      appName: 'phone.systems',
      actions: fakeActions(),
    })
    const first = template[0]!
    expect(first.label).toBe('phone.systems')
    const sub = first.submenu as MenuItemConstructorOptions[]
    expect(sub.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'About',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'Quit',
    ])
    expect(template.map((i) => i.label ?? i.role)).toEqual([
      'phone.systems',
      'editMenu',
      'View',
      'windowMenu',
    ])
  })

  it('Windows and Linux: File (screens, Quit), Edit, Help (About)', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const template = buildAppMenuTemplate({
        platform,
        appName: 'phone.systems',
        actions: fakeActions(),
      })
      expect(template.map((i) => i.label ?? i.role)).toEqual(['&File', 'editMenu', '&Help'])
      expect(
        (template[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? i.type),
      ).toEqual(['Softphone', 'Admin console', 'separator', 'Quit'])
      expect(byLabel(template, 'Quit')?.accelerator).toBe('CmdOrCtrl+Q')
    }
  })

  it('applyAppMenu builds the template and sets it (fake Menu)', () => {
    const built = {} as Menu
    const menu = { buildFromTemplate: vi.fn(() => built), setApplicationMenu: vi.fn() }
    const template = buildAppMenuTemplate({
      platform: 'linux',
      appName: 'phone.systems',
      actions: fakeActions(),
    })
    applyAppMenu(menu, template)
    expect(menu.buildFromTemplate).toHaveBeenCalledWith(template)
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(built)
  })
})
