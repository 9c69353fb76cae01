import { app, BrowserWindow, session } from 'electron'
import { handleAppScheme, registerAppScheme } from './app-protocol'
import { lockDownWebContents } from './security'
import { applyPermissionPolicy } from './permissions/session-handlers'
import { installLinkRouting } from './links/link-routing'
import { rendererOrigin } from './renderer-url'
import { createMainWindow, showRoute } from './window'

let mainWindow: BrowserWindow | undefined

/** The window at `route`, created if there is none; brought forward either way. */
function openAt(route: string | null): void {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createMainWindow(route)
  else if (route) showRoute(mainWindow, route)
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

// A second launch hands its link (phonesystems://activate…, tel:, sip:) to the
// running app and quits before anything else starts.
const links = installLinkRouting({
  app,
  argv: process.argv,
  open: (route) => openAt(route),
  focus: () => openAt(null),
})

if (links.primary) {
  // Sandbox every renderer, including any created by a library or by mistake without
  // `sandbox: true`: a renderer compromise then stays inside Chromium's sandbox instead
  // of getting Node. Must be called before the app is ready.
  app.enableSandbox()
  registerAppScheme()
  lockDownWebContents()

  app.on('window-all-closed', () => {
    // macOS apps stay running with no window until the user quits explicitly.
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openAt(null)
  })

  // Not a top-level await: Electron waits for the ESM entry to finish evaluating before
  // it emits `ready`, so awaiting readiness here would never resolve.
  void app.whenReady().then(() => {
    applyPermissionPolicy(session.defaultSession, rendererOrigin)
    handleAppScheme()
    openAt(links.takeInitialRoute())
  })
}
