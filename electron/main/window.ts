import { BrowserWindow } from 'electron'
import { preloadPath, rendererUrl } from './renderer-url'

/** The renderer at one of its routes, e.g. `/code?link=…` for an activation link. */
export function showRoute(window: BrowserWindow, route: string): void {
  void window.loadURL(new URL(route, rendererUrl).toString())
}

/** The one app window; the renderer decides between softphone (`/`) and admin (`/admin`). */
export function createMainWindow(route?: string | null): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 360,
    minHeight: 560,
    show: false,
    title: 'phone.systems',
    webPreferences: {
      preload: preloadPath,
      // The renderer is untrusted UI code: it reaches the OS only through the preload's
      // small bridge, never through Node or Electron APIs.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  // Showing on first paint avoids a white flash while the renderer loads.
  window.once('ready-to-show', () => window.show())
  showRoute(window, route ?? '/')
  return window
}
