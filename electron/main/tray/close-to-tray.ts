export interface CloseToTrayWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  removeListener(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  hide(): void
}

export interface CloseToTrayOptions {
  /** The "hide to tray on close" setting is on and the softphone is activated. */
  shouldHide(): boolean
  /** The app is quitting (tray Quit, Cmd+Q, app.quit()): then the window really closes. */
  isQuitting(): boolean
}

/**
 * Closing the window hides it instead, so incoming calls still ring. Returns a
 * function that removes the listener.
 */
export function installCloseToTray(
  window: CloseToTrayWindow,
  options: CloseToTrayOptions,
): () => void {
  const onClose = (event: { preventDefault(): void }) => {
    if (options.isQuitting() || !options.shouldHide()) return
    event.preventDefault()
    window.hide()
  }
  window.on('close', onClose)
  return () => void window.removeListener('close', onClose)
}

/**
 * Tracks whether the app is quitting. `before-quit` comes before the windows'
 * `close` events, whichever way the quit started (menu, Cmd+Q, app.quit()).
 */
export function trackQuitting(app: {
  on(event: 'before-quit', listener: () => void): unknown
}): () => boolean {
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  return () => quitting
}
