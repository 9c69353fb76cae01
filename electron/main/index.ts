import { app, BrowserWindow, session } from 'electron'
import { handleAppScheme, registerAppScheme } from './app-protocol'
import { lockDownWebContents } from './security'
import { applyPermissionPolicy } from './permissions/session-handlers'
import { rendererOrigin } from './renderer-url'
import { createMainWindow } from './window'
import { startEmbeddedPlatform } from './embedded-platform'

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

let platformUrl: string | undefined

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createMainWindow(platformUrl)
})

// Not a top-level await: Electron waits for the ESM entry to finish evaluating before
// it emits `ready`, so awaiting readiness here would never resolve.
void app.whenReady().then(async () => {
  applyPermissionPolicy(session.defaultSession, rendererOrigin)
  handleAppScheme()
  try {
    platformUrl = (await startEmbeddedPlatform()).url
  } catch (err) {
    // The softphone works against a remote platform; the admin console shows the failure.
    console.error('The embedded platform did not start:', err)
  }
  createMainWindow(platformUrl)
})
