import type { NativeImage } from 'electron'
import { missedCallsText } from './tray-state'

export interface BadgeDeps {
  app: { setBadgeCount(count?: number): boolean }
  platform: NodeJS.Platform
  /** The main window: Windows shows the count as an overlay on its taskbar button. */
  window?: { setOverlayIcon(overlay: NativeImage | null, description: string): void } | null
  /** The small image drawn over the taskbar button on Windows. */
  overlayIcon?: NativeImage
}

/**
 * The missed-call count on the dock (macOS) or launcher (Linux: only launchers that
 * read the Unity launcher API; `setBadgeCount` returns false elsewhere, and that is
 * fine). Windows has no app badge, so the taskbar button gets an overlay icon whose
 * description is what screen readers say.
 */
export function showMissedCallBadge(deps: BadgeDeps, count: number): void {
  const n = Math.max(0, Math.floor(count))
  if (deps.platform === 'win32') {
    if (!deps.window) return
    if (n > 0 && deps.overlayIcon) deps.window.setOverlayIcon(deps.overlayIcon, missedCallsText(n))
    else deps.window.setOverlayIcon(null, '')
    return
  }
  deps.app.setBadgeCount(n)
}
