import { BrowserWindow, type Rectangle } from 'electron'
import { ringWindowPlacement } from './notifications/ring-window'
import { softphoneWindowWebPreferences } from './notifications/ringtone-policy'
import { preloadPath, rendererOrigin, rendererUrl } from './renderer-url'
import { originOf } from './url-origin'

export function loadRoute(window: BrowserWindow, route: string): Promise<void> {
  return window.loadURL(new URL(route, rendererUrl).toString())
}

/**
 * Shows `route` in a window that is already running the app without
 * reloading it (a reload would drop the call in progress): the renderer's
 * router takes it over `app:navigate`. A window still loading gets the URL.
 */
export function showRoute(
  window: BrowserWindow,
  route: string,
  navigate: (window: BrowserWindow, route: string) => void,
): void {
  const loaded =
    !window.webContents.isLoading() && originOf(window.webContents.getURL()) === rendererOrigin
  if (loaded) navigate(window, route)
  else void loadRoute(window, route)
}

// Each window spells out its webPreferences (no shared object spread in) so that
// the security check (npm run check:electron) and a reader see them at the call.
// The renderer is untrusted UI code: it reaches the OS only through the
// preload's contract channels, never through Node or Electron APIs.

/** The softphone: opens first, keeps ringing and registering while hidden in the tray. */
export function createSoftphoneWindow(route: string | null, show: boolean): BrowserWindow {
  const window = new BrowserWindow({
    show: false,
    title: 'phone.systems',
    width: 420,
    height: 760,
    minWidth: 360,
    minHeight: 560,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would ask for a new window; none is ever wanted.
      disableBlinkFeatures: 'Auxclick',
      ...softphoneWindowWebPreferences(),
    },
  })
  void loadRoute(window, route ?? '/')
  // Showing on first paint avoids a white flash; a start at login stays in the tray.
  if (show) window.once('ready-to-show', () => window.show())
  return window
}

/** The admin console, in its own window against the platform it connects to. */
export function createAdminWindow(): BrowserWindow {
  const window = new BrowserWindow({
    show: false,
    title: 'phone.systems admin console',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  void loadRoute(window, '/admin')
  window.once('ready-to-show', () => window.show())
  return window
}

export function bringForward(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore()
  if (!window.isVisible()) window.show()
  window.focus()
}

/** The ring window (ring-window.ts says when and where): ringing and counting while unfocused. */
export function createRingWindow(screenWorkArea: Rectangle): BrowserWindow {
  return new BrowserWindow({
    ...ringWindowPlacement(screenWorkArea),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      backgroundThrottling: false,
    },
  })
}
