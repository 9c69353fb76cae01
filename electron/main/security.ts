import { app, session, type WebContents } from 'electron'
import { rendererOrigin } from './renderer-url'

/**
 * Deny-by-default for every permission (camera, microphone, notifications, devices…).
 * The renderer shows remote content from nowhere, but a compromised or confused page
 * must still not get the camera or microphone silently; the softphone's permissions
 * step will open exactly the ones it needs, for the app's own origin only.
 */
export function denyAllPermissions(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
}

/**
 * The app is a single page: it never needs to leave its origin, open windows or embed
 * webviews. Blocking these stops a malicious link or injected markup from turning a
 * window into a browser for arbitrary sites.
 */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => guard(contents))
}

function guard(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (originOf(url) !== rendererOrigin) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (originOf(url) !== rendererOrigin) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}
