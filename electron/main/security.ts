import { app, type WebContents } from 'electron'
import { rendererOrigin } from './renderer-url'
import { originOf } from './url-origin'

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
